using GraphQL;
using GraphQL.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>Wires the toolkit's limits into every transport (they all execute through <see cref="GraphQLRequestExecutor"/>).</summary>
public static class GraphQLLimitsExtensions
{
    /// <summary>
    /// Adds the depth, cost, alias, root-field and introspection rules to every execution, and the execution timeout.
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
        return services;
    }

    /// <summary>Refuses oversized bodies and cookie-carrying GET operations without a preflight header at the endpoint path.</summary>
    /// <remarks>Place it before the transports (IDE, WebSockets, SSE, HTTP).</remarks>
    public static IApplicationBuilder UseGraphQLRequestGuard(this IApplicationBuilder app)
        => app.UseMiddleware<GraphQLRequestGuardMiddleware>();

    private static void ApplyRules(ExecutionOptions execution, GraphQLLimits limits)
    {
        var cost = CostAndDepthRule.Create(limits);
        execution.ValidationRules = [.. execution.ValidationRules ?? DocumentValidator.CoreRules, new ShapeLimitsRule(limits), cost];
        // A cached document was validated once, but its cost depends on the variables of each request.
        execution.CachedDocumentValidationRules = [.. execution.CachedDocumentValidationRules ?? [], cost];
    }
}
