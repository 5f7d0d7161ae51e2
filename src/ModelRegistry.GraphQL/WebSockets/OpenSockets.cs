using System.Collections.Concurrent;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.WebSockets;

/// <summary>A long-lived GraphQL connection that holds rights judged when it opened: a socket, or an event stream.</summary>
public interface IJudgedConnection
{
    /// <summary>The user context its operations run with now; null before it is known.</summary>
    GraphQLUserContext? UserContext { get; }

    /// <summary>Judges the connection's rights again, in the background; results it produces from now on wait for the verdict.</summary>
    void Rejudge();
}

/// <summary>
/// The GraphQL sockets and event streams open in this process, so that a change of rights committed elsewhere (a revoked
/// key, a revoked role) reaches the connections living on them at once rather than at their next operation.
/// </summary>
public sealed class OpenSockets
{
    private readonly ConcurrentDictionary<IJudgedConnection, byte> sessions = new();

    /// <summary>How many acknowledged or pending sockets and open event streams there are (for diagnostics and tests).</summary>
    public int Count => sessions.Count;

    /// <summary>
    /// Re-judges, in the background, every acknowledged socket and open event stream whose user context <paramref name="affected"/> selects
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

    internal IDisposable Add(IJudgedConnection session)
    {
        sessions[session] = 0;
        return new Registration(this, session);
    }

    private sealed class Registration(OpenSockets owner, IJudgedConnection session) : IDisposable
    {
        public void Dispose() => owner.sessions.TryRemove(session, out _);
    }
}
