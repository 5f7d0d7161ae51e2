namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>Limits and timings of the GraphQL WebSocket transports (graphql-transport-ws and the legacy graphql-ws).</summary>
public sealed class GraphQLWebSocketOptions
{
    /// <summary>How long a client may wait before sending connection_init; afterwards the socket is closed with 4408.</summary>
    public TimeSpan ConnectionInitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Interval of server keep-alives (ping on graphql-transport-ws, ka on graphql-ws); zero or less disables them.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Results a subscription may have waiting for the socket; one more closes the socket with 4413.</summary>
    public int SubscriptionBufferSize { get; set; } = 64;

    /// <summary>
    /// Bytes of serialized results a subscription may have waiting for the socket (beyond the first); one more closes the
    /// socket with 4413. Zero or less: only <see cref="SubscriptionBufferSize"/> bounds the buffer.
    /// </summary>
    public long SubscriptionBufferBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Operations one socket may run at once. Beyond it the socket stops reading until an executing query or mutation
    /// ends; only when every one is an open subscription is the next operation refused with SUBSCRIPTION_LIMIT_EXCEEDED.
    /// </summary>
    public int MaxOperationsPerConnection { get; set; } = 32;

    /// <summary>Largest client message in bytes; a larger one closes the socket with 1009.</summary>
    public int MaxMessageSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long the 4413 close of a slow consumer may wait for the send in flight. A client that stopped reading holds
    /// that send (and the operating system's buffers ahead of it); when it reads again within this time it drains them and
    /// reads the 4413, otherwise the connection is aborted. Nothing more is buffered in the server meanwhile.
    /// </summary>
    public TimeSpan SlowConsumerCloseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a server-initiated close may wait for pending sends and the client's close frame before the socket is aborted.</summary>
    public TimeSpan CloseTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
