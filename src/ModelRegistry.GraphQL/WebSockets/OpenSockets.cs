using System.Collections.Concurrent;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>
/// The GraphQL sockets open in this process, so that a change of rights committed elsewhere (a revoked key, a revoked
/// role) reaches the sockets living on them at once rather than at their next operation.
/// </summary>
public sealed class OpenSockets
{
    private readonly ConcurrentDictionary<GraphQLWebSocketSession, byte> sessions = new();

    /// <summary>How many acknowledged or pending sockets are open (for diagnostics and tests).</summary>
    public int Count => sessions.Count;

    /// <summary>
    /// Re-judges, in the background, every acknowledged socket whose user context <paramref name="affected"/> selects
    /// (see <see cref="GraphQLEndpointOptions.RenewUserContext"/>). Results their subscriptions produce from this call on
    /// wait for the verdict, so call it before the change's later events are published: none of them then reaches a
    /// socket that lost the right to it.
    /// </summary>
    public void Rejudge(Func<GraphQLUserContext, bool> affected)
    {
        foreach (var session in sessions.Keys)
        {
            if (session.UserContext is { } context && affected(context))
                session.Rejudge();
        }
    }

    internal IDisposable Add(GraphQLWebSocketSession session)
    {
        sessions[session] = 0;
        return new Registration(this, session);
    }

    private sealed class Registration(OpenSockets owner, GraphQLWebSocketSession session) : IDisposable
    {
        public void Dispose() => owner.sessions.TryRemove(session, out _);
    }
}
