using GraphQL;
using GraphQL.Execution;
using GraphQL.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>Wires the toolkit's limits into every transport (they all execute through <see cref="GraphQLRequestExecutor"/>).</summary>
public static class GraphQLLimitsExtensions
{
    /// <summary>
    /// Adds the token budget and the shape counts ahead of parsing and validation, the depth, cost, alias, root-field and
    /// introspection rules to every execution, and one deadline for the whole execution.
    /// <paramref name="configure"/> adjusts <see cref="GraphQLEndpointOptions.Limits"/>.
    /// </summary>
    public static IServiceCollection AddGraphQLLimits(this IServiceCollection services, Action<GraphQLLimits>? configure = null)
    {
        services.AddOptions<GraphQLEndpointOptions>().Configure(o =>
        {
            configure?.Invoke(o.Limits);
            o.ConfigureExecution.Add((execution, _) => ApplyRules(execution, o.Limits));
        });
        services.AddGraphQL(builder => builder.ConfigureExecution<ExecutionTimeout>());
        // Cheap counts run before the engine's own parser and validator, so a hostile document is refused before either works on it.
        // The toolkit's coded parser stays the one that parses; every earlier registration of a parser is removed so none wins over this.
        services.RemoveAll<IDocumentBuilder>();
        services.AddSingleton<IDocumentBuilder>(sp =>
            new TokenBudgetDocumentBuilder(new CodedDocumentBuilder(), sp.GetRequiredService<IOptions<GraphQLEndpointOptions>>()));
        services.Replace(ServiceDescriptor.Singleton<IDocumentValidator>(sp =>
            new DocumentShapeGate(new DocumentValidator(), sp.GetRequiredService<IOptions<GraphQLEndpointOptions>>())));
        return services;
    }

    /// <summary>Refuses oversized bodies and cookie-carrying GET operations without a preflight header at the endpoint path.</summary>
    /// <remarks>Place it before the transports (IDE, WebSockets, SSE, HTTP).</remarks>
    public static IApplicationBuilder UseGraphQLRequestGuard(this IApplicationBuilder app)
        => app.UseMiddleware<GraphQLRequestGuardMiddleware>();

    private static void ApplyRules(ExecutionOptions execution, GraphQLLimits limits)
    {
        var cost = CostAndDepthRule.Create(limits);
        execution.ValidationRules = [DeadlineRule.Instance, .. execution.ValidationRules ?? DocumentValidator.CoreRules, new ShapeLimitsRule(limits), cost];
        // A cached document was validated once, but its cost depends on the variables of each request.
        execution.CachedDocumentValidationRules = [.. execution.CachedDocumentValidationRules ?? [], cost];
    }
}
