using Microsoft.AspNetCore.Hosting.Server;
using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using ModelRegistry.Api.Artifacts;
using ModelRegistry.Api.Auth;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Events;
using ModelRegistry.Api.Jobs;
using ModelRegistry.GraphQL.Sse;
using ModelRegistry.GraphQL.Subscriptions;
using ModelRegistry.GraphQL.WebSockets;
using ModelRegistry.Api.Reports;
using ModelRegistry.Api.Schema;
using ModelRegistry.Api.Telemetry;
using ModelRegistry.Api.Webhooks;
using ModelRegistry.GraphQL;
using ModelRegistry.GraphQL.Scalars;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Reports;
using ModelRegistry.GraphQL.DataLoading;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Events;
using ModelRegistry.Core.Abstractions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ModelRegistry.Api.Extensions;

/// <summary>The host's service wiring, read top to bottom like a table of contents.</summary>
public static class ApplicationServicesExtensions
{
    /// <summary>Registers persistence, the use cases, the GraphQL schema and its transports.</summary>
    public static RegistrySettings AddApplicationServices(this WebApplicationBuilder builder, string[] args)
    {
        builder.AddRegistryLoggingDefaults();
        var settings = RegistrySettings.From(builder.Configuration, args);
        builder.Services.AddSingleton(settings);
        builder.Services.AddRegistryInfrastructure(settings.Persistence);
        builder.Services.AddScoped<RequestPrincipal>();
        builder.Services.AddScoped<IPrincipalContext>(sp => sp.GetRequiredService<RequestPrincipal>());
        builder.Services.AddSingleton(new AccessOptions { AnonymousCanRead = builder.Environment.IsDevelopment() });
        builder.Services.AddScoped<BatchLoaderScope>();
        builder.Services.AddRegistryAuthentication(builder.Configuration);
        builder.Services.AddGraphQLToolkit(o =>
        {
            o.ExposeExceptionDetails = builder.Environment.IsDevelopment();
            o.UserContextFactory = ConnectionAuthenticator.CreateAsync;
            o.PrepareScope = ConnectionAuthenticator.PrepareScope;
            // A socket is judged again for each operation: a revoked key or role takes effect on open sockets too.
            o.RenewUserContext = ConnectionAuthenticator.RenewAsync;
            // Subscribers who may read the same things receive the same events, so their identical subscriptions share one execution.
            o.SubscriptionPartition = ConnectionAuthenticator.VisibilityPartition;
        });
        builder.Services.Replace(ServiceDescriptor.Singleton<IEventDelivery>(sp =>
            new RevocationAwareEventBus(sp.GetRequiredService<InProcessEventBus>(), sp.GetRequiredService<OpenSockets>())));
        builder.Services.AddHostedService<EventRelayService>();
        builder.Services.AddRegistryHardening(builder.Configuration);
        builder.Services.AddRegistryCors(builder.Configuration);
        builder.Services.AddRegistryPersistedOperations(builder.Configuration);
        builder.Services.AddRegistryNodes();
        builder.Services.AddGraphQL(graphql => graphql
            .AddSchema<RegistrySchema>()
            .AddGraphTypes(typeof(RegistrySchema).Assembly)
            .AddGraphTypes(typeof(JsonGraphType).Assembly)
            // One DbContext per request cannot run queries in parallel; batch loaders still batch by level.
            .AddExecutionStrategy<SerialExecutionStrategy>(OperationType.Query)
            .AddExecutionStrategy<ScopedSubscriptionExecutionStrategy>(OperationType.Subscription));
        builder.Services.AddSingleton(sp => new MutationErrorGuard(
            MutationErrorGuard.IsStrict(builder.Environment, sp.GetService<IServer>()), MutationErrors.ByMutation, sp.GetRequiredService<ILogger<MutationErrorGuard>>()));
        builder.Services.AddSingleton<RegistryEventStream>();
        builder.Services.AddScoped<ComplianceReportBuilder>();
        builder.Services.AddSingleton(sp => ReportSigningKey.For(builder.Configuration["Registry:Reports:SigningKeyPath"], settings.Persistence, sp));
        builder.Services.AddRegistryJobs(builder.Configuration);
        builder.Services.AddRegistryWebhooks(builder.Configuration, settings.Persistence);
        builder.Services.AddRegistryArtifacts(builder.Configuration, settings.Persistence.DataDirectory);
        builder.AddRegistryTelemetry();
        // Room for a whole replay (RegistryEventStream.MaxReplay) so catching up never trips the slow-consumer guard.
        // The count alone does not bound memory (2,000 wide events are hundreds of MB), so bytes are bounded too.
        var bufferBytes = builder.Configuration.GetValue("Registry:Limits:SubscriptionBufferBytes", 8L * 1024 * 1024);
        builder.Services.Configure<GraphQLWebSocketOptions>(o =>
        {
            o.SubscriptionBufferSize = 2 * RegistryEventStream.MaxReplay;
            o.SubscriptionBufferBytes = bufferBytes;
        });
        builder.Services.Configure<GraphQLSseOptions>(o =>
        {
            o.SubscriptionBufferSize = 2 * RegistryEventStream.MaxReplay;
            o.SubscriptionBufferBytes = bufferBytes;
        });
        return settings;
    }
}
