namespace ModelRegistry.GraphQL.Sse;

/// <summary>Timings and limits of GraphQL over Server-Sent Events (distinct connections mode).</summary>
public sealed class GraphQLSseOptions
{
    /// <summary>Interval of keep-alive comments on an open stream; zero or less disables them.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(12);

    /// <summary>Results a subscription may have waiting for the client; one more ends the stream.</summary>
    public int SubscriptionBufferSize { get; set; } = 64;

    /// <summary>Bytes of serialized results a subscription may have waiting for the client (beyond the first); more ends the stream. Zero or less: no byte bound.</summary>
    public long SubscriptionBufferBytes { get; set; } = 8 * 1024 * 1024;
}
