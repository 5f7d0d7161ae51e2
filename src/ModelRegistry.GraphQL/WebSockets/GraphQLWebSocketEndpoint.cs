using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Http;
using ModelRegistry.GraphQL.Telemetry;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>Accepts GraphQL WebSocket upgrades and hands each socket to the protocol its client asked for.</summary>
public static class GraphQLWebSocketEndpoint
{
    /// <summary>Subprotocols served, preferred first.</summary>
    public static IReadOnlyList<string> Subprotocols { get; } =
        [GraphQLTransportWsSession.Subprotocol, SubscriptionsTransportWsSession.Subprotocol];

    /// <summary>Serves GraphQL over WebSockets at <paramref name="path"/> (and its trailing-slash form); other requests go to the next middleware.</summary>
    public static IApplicationBuilder UseGraphQLWebSockets(this IApplicationBuilder app, string path = "/graphql")
    {
        // Before the WebSocket middleware, which takes the upgrade feature it will use when the socket is accepted.
        app.Use((context, next) =>
        {
            if (IsAt(context.Request.Path, path) && context.Features.Get<IHttpUpgradeFeature>() is { IsUpgradableRequest: true } upgrade)
            {
                var options = context.RequestServices.GetService<IOptions<GraphQLWebSocketOptions>>()?.Value ?? new GraphQLWebSocketOptions();
                context.Features.Set<IHttpUpgradeFeature>(new GuardedUpgrade(upgrade, options.MaxMessageSize));
            }
            return next(context);
        });
        app.UseWebSockets();
        return app.Use(async (context, next) =>
        {
            if (context.WebSockets.IsWebSocketRequest && IsAt(context.Request.Path, path))
                await HandleAsync(context);
            else
                await next(context);
        });
    }

    /// <summary>Runs one GraphQL socket until it closes; the request must be a WebSocket upgrade.</summary>
    public static async Task HandleAsync(HttpContext context)
    {
        // Refused before the upgrade: a browser opens a socket from any page, with the user's credentials and no preflight.
        if (!OriginPolicy.For(context.RequestServices).Admits(context.Request))
        {
            await OriginPolicy.RefuseAsync(context);
            return;
        }
        var executor = context.RequestServices.GetRequiredService<GraphQLRequestExecutor>();
        var options = context.RequestServices.GetService<IOptions<GraphQLWebSocketOptions>>()?.Value ?? new GraphQLWebSocketOptions();
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var subprotocol = Subprotocols.FirstOrDefault(p => requested.Contains(p, StringComparer.Ordinal));

        using var socket = await context.WebSockets.AcceptWebSocketAsync(subprotocol);
        GraphQLWebSocketSession? session = subprotocol switch
        {
            GraphQLTransportWsSession.Subprotocol => new GraphQLTransportWsSession(socket, context, executor, options),
            SubscriptionsTransportWsSession.Subprotocol => new SubscriptionsTransportWsSession(socket, context, executor, options),
            _ => null,
        };
        if (session is not null)
        {
            using (context.RequestServices.GetService<GraphQLMetrics>()?.Connection(subprotocol!))
                await session.RunAsync();
            return;
        }

        // Accepting first lets the client read why it is refused instead of seeing a failed handshake.
        var channel = new WebSocketMessageChannel(socket, options);
        await channel.CloseAsync(GraphQLCloseCodes.SubprotocolNotAcceptable, "Subprotocol not acceptable");
        try
        {
            while (await channel.ReceiveAsync() is not null)
            {
                // Drain until the client acknowledges the close.
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // The client did not answer within the close timeout.
        }
        await channel.FinishAsync();
    }

    /// <summary>Hands the WebSocket a connection whose client frames pass through a <see cref="FrameGuardStream"/>.</summary>
    private sealed class GuardedUpgrade(IHttpUpgradeFeature inner, long maxMessageSize) : IHttpUpgradeFeature
    {
        public bool IsUpgradableRequest => inner.IsUpgradableRequest;

        public async Task<Stream> UpgradeAsync() => new FrameGuardStream(await inner.UpgradeAsync(), maxMessageSize);
    }

    internal static bool IsAt(PathString requestPath, string path)
        => requestPath.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase, out var rest)
           && (!rest.HasValue || rest.Value == "/");
}
