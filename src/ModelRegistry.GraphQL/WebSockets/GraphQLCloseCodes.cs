namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>WebSocket close codes sent by the GraphQL WebSocket transports.</summary>
public static class GraphQLCloseCodes
{
    /// <summary>A message that is not valid JSON, lacks a type, or is not allowed in its direction or state.</summary>
    public const int BadRequest = 4400;

    /// <summary>An operation was sent before the connection was acknowledged.</summary>
    public const int Unauthorized = 4401;

    /// <summary>
    /// The connection was refused with a <see cref="ConnectionRejectedException"/>: by the user context factory at
    /// connection_init, or later when its credential lapsed (see <see cref="Execution.GraphQLEndpointOptions.RenewUserContext"/>).
    /// </summary>
    public const int Forbidden = 4403;

    /// <summary>The client offered no supported subprotocol.</summary>
    public const int SubprotocolNotAcceptable = 4406;

    /// <summary>No connection_init arrived within <see cref="GraphQLWebSocketOptions.ConnectionInitTimeout"/>.</summary>
    public const int ConnectionInitTimeout = 4408;

    /// <summary>An operation id that is still running was reused.</summary>
    public const int SubscriberAlreadyExists = 4409;

    /// <summary>The client fell behind: a subscription's buffer of <see cref="GraphQLWebSocketOptions.SubscriptionBufferSize"/> results overflowed. Ours, not the protocol's.</summary>
    public const int SlowConsumer = 4413;

    /// <summary>A second connection_init arrived.</summary>
    public const int TooManyInitialisationRequests = 4429;

    /// <summary>The server failed unexpectedly, e.g. the user context factory threw something other than a rejection.</summary>
    public const int InternalServerError = 4500;
}
