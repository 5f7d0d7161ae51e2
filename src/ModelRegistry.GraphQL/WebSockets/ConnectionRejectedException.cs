namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>Thrown by <see cref="Execution.GraphQLEndpointOptions.UserContextFactory"/> to refuse a WebSocket connection (close 4403) or an SSE request (403).</summary>
public sealed class ConnectionRejectedException : Exception
{
    /// <summary>Creates the rejection; the message reaches the client as the close reason, so keep it short and free of secrets.</summary>
    public ConnectionRejectedException(string message = "Forbidden") : base(message)
    {
    }

    /// <summary>Creates the rejection around the failure that caused it.</summary>
    public ConnectionRejectedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
