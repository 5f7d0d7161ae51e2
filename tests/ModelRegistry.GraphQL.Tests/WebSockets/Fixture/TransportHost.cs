using System.Net;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Ide;
using ModelRegistry.GraphQL.Sse;
using ModelRegistry.GraphQL.Subscriptions;
using ModelRegistry.GraphQL.WebSockets;

namespace ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

/// <summary>What a test may change about the host.</summary>
public sealed class TransportHostSettings
{
    /// <summary>WebSocket limits; tests shorten timeouts and bounds.</summary>
    public GraphQLWebSocketOptions WebSockets { get; } = new() { KeepAliveInterval = TimeSpan.Zero };

    /// <summary>SSE limits.</summary>
    public GraphQLSseOptions Sse { get; } = new() { KeepAliveInterval = TimeSpan.Zero };

    /// <summary>IDE hosting; disabled unless a test turns it on.</summary>
    public BananaCakePopOptions Ide { get; } = new() { Enabled = false };
}

/// <summary>A Kestrel host on 127.0.0.1 serving the tick schema over WebSockets, SSE and the IDE middleware.</summary>
public sealed class TransportHost : IAsyncDisposable
{
    /// <summary>Body of the terminal middleware, proving a request passed through the transports.</summary>
    public const string PassedThrough = "passed through";

    /// <summary>connection_init payload key whose value becomes the subscriber's sharing partition.</summary>
    public const string TeamKey = "team";

    private readonly WebApplication app;

    private TransportHost(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    /// <summary>The http:// base address.</summary>
    public Uri Address { get; }

    /// <summary>The ws:// address of the GraphQL endpoint.</summary>
    public Uri WebSocketUri => new($"ws://{Address.Authority}/graphql");

    /// <summary>The hub sharing identical subscriptions.</summary>
    public SharedSubscriptionHub Shared => app.Services.GetRequiredService<SharedSubscriptionHub>();

    /// <summary>The tick source the schema subscribes to.</summary>
    public TickSource Ticks => app.Services.GetRequiredService<TickSource>();

    /// <summary>Starts a host; connection_init payloads with <c>reject: true</c> are refused.</summary>
    public static async Task<TransportHost> StartAsync(Action<TransportHostSettings>? configure = null)
    {
        var settings = new TransportHostSettings();
        configure?.Invoke(settings);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<TickSource>();
        builder.Services.AddGraphQL(b => b
            .AddSchema<TickSchema>()
            .AddGraphTypes(typeof(TickSchema).Assembly)
            .AddSystemTextJson());
        builder.Services.AddSingleton<SharedSubscriptionHub>();
        builder.Services.AddSingleton<GraphQLRequestExecutor>();
        builder.Services.Configure<GraphQLEndpointOptions>(o =>
        {
            o.UserContextFactory = CreateUserContext;
            o.SubscriptionPartition = user => user.TryGetValue(TeamKey, out var team) ? team as string : "everyone";
        });
        builder.Services.Configure<GraphQLWebSocketOptions>(o => Copy(settings.WebSockets, o));
        builder.Services.Configure<GraphQLSseOptions>(o =>
        {
            o.KeepAliveInterval = settings.Sse.KeepAliveInterval;
            o.SubscriptionBufferSize = settings.Sse.SubscriptionBufferSize;
        });

        var app = builder.Build();
        app.UseBananaCakePop("/graphql", settings.Ide);
        app.UseGraphQLWebSockets("/graphql");
        app.UseGraphQLSse("/graphql");
        app.Run(context => context.Response.WriteAsync(PassedThrough));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TransportHost(app, new Uri(address));
    }

    /// <summary>Stops the host.</summary>
    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static ValueTask<GraphQLUserContext> CreateUserContext(HttpContext http, IReadOnlyDictionary<string, object?>? initPayload)
    {
        if (initPayload is not null && initPayload.TryGetValue("reject", out var reject) && reject is true)
            throw new ConnectionRejectedException("Invalid API key");
        if (http.Request.Headers.ContainsKey("X-Reject"))
            throw new ConnectionRejectedException("Invalid API key");
        var context = new GraphQLUserContext();
        if (initPayload is not null && initPayload.TryGetValue(TeamKey, out var team) && team is string name)
            context[TeamKey] = name;
        return ValueTask.FromResult(context);
    }

    private static void Copy(GraphQLWebSocketOptions from, GraphQLWebSocketOptions to)
    {
        to.ConnectionInitTimeout = from.ConnectionInitTimeout;
        to.KeepAliveInterval = from.KeepAliveInterval;
        to.SubscriptionBufferSize = from.SubscriptionBufferSize;
        to.MaxOperationsPerConnection = from.MaxOperationsPerConnection;
        to.MaxMessageSize = from.MaxMessageSize;
        to.CloseTimeout = from.CloseTimeout;
    }
}
