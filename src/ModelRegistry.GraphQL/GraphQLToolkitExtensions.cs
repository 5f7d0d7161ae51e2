using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Http;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.PersistedOperations;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.GraphQL.Subscriptions;
using ModelRegistry.GraphQL.Telemetry;
using ModelRegistry.GraphQL.WebSockets;

namespace ModelRegistry.GraphQL;

/// <summary>Wires the toolkit into an ASP.NET Core app: services, the HTTP transport, and Relay node resolvers.</summary>
public static class GraphQLToolkitExtensions
{
    /// <summary>
    /// Registers the endpoint options, the request executor, the System.Text.Json serializer, the coded error provider and the
    /// toolkit's graph types. Register the schema itself with <c>services.AddGraphQL(b => b.AddSchema&lt;T&gt;()...)</c>.
    /// </summary>
    public static IServiceCollection AddGraphQLToolkit(this IServiceCollection services, Action<GraphQLEndpointOptions>? configure = null)
    {
        var options = services.AddOptions<GraphQLEndpointOptions>();
        if (configure is not null)
            options.Configure(configure);
        services.AddGraphQL(builder => builder
            .AddSystemTextJson()
            .AddErrorInfoProvider<CodedErrorInfoProvider>());
        // After AddGraphQL, so it replaces the default builder: parse failures past the syntax become coded errors.
        services.AddSingleton<global::GraphQL.Execution.IDocumentBuilder, CodedDocumentBuilder>();
        services.TryAddSingleton<SharedSubscriptionHub>();
        services.TryAddSingleton<OpenSockets>();
        services.AddOptions<PersistedOperationOptions>();
        services.TryAddSingleton<IPersistedOperationStore, LruPersistedOperationStore>();
        services.TryAddSingleton<PersistedOperationResolver>();
        services.AddMetrics();
        services.TryAddSingleton<GraphQLMetrics>();
        services.TryAddSingleton<GraphQLRequestExecutor>();
        services.AddOptions<OriginOptions>();
        services.TryAddSingleton<OriginPolicy>();
        services.TryAddSingleton<NodeRegistry>();
        services.TryAddTransient<NodeInterfaceType>();
        services.TryAddTransient<PageInfoType>();
        return services;
    }

    /// <summary>Registers how objects of one node type are loaded for <c>node(id:)</c> and <c>nodes(ids:)</c>.</summary>
    public static IServiceCollection AddNodeResolver<TNode>(
        this IServiceCollection services,
        string typeName,
        Func<IServiceProvider, string, CancellationToken, Task<TNode?>> load) where TNode : class
    {
        services.AddSingleton(new NodeResolver(typeName, typeof(TNode), async (sp, key, ct) => await load(sp, key, ct)));
        return services;
    }

    /// <summary>Serves GraphQL over HTTP at <see cref="GraphQLEndpointOptions.Path"/>; other requests go on down the pipeline.</summary>
    public static IApplicationBuilder UseGraphQLHttp(this IApplicationBuilder app)
        => app.UseMiddleware<GraphQLHttpMiddleware>();
}
