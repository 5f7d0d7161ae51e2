using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.WebSockets;
using ModelRegistry.Infrastructure.Events;

namespace ModelRegistry.Api.Auth;

/// <summary>
/// The event bus as the Api wires it: a committed API_KEY_REVOKED or ROLE_REVOKED reaches the open sockets it may
/// concern before it, or any later event, reaches a subscriber. Each such socket is re-judged at once (a revoked key
/// closes it with 4403; lost grants end its subscriptions), and its subscription results wait for that verdict, so no
/// event committed after a revocation is delivered under the revoked rights. It is the delivery stage of the bus, so on
/// PostgreSQL it sees every replica's events: a key revoked through one replica closes its sockets on all of them.
/// </summary>
public sealed class RevocationAwareEventBus(InProcessEventBus inner, OpenSockets sockets) : IEventDelivery
{
    /// <inheritdoc />
    public IObservable<AuditEvent> Events => inner.Events;

    /// <inheritdoc />
    public void Deliver(IReadOnlyList<AuditEvent> committed)
    {
        foreach (var e in committed)
        {
            if (e.Type == EventTypes.ApiKeyRevoked)
                sockets.Rejudge(context => SignedInWith(context, e.SubjectId));
            else if (e.Type == EventTypes.RoleRevoked)
                // The grant's principal may be a group a token names; re-judging every socket a grant can narrow is the safe reading.
                sockets.Rejudge(HoldsGrants);
        }
        inner.Publish(committed);
    }

    private static bool SignedInWith(GraphQLUserContext context, long keyId)
        => context.TryGetValue(ConnectionAuthenticator.ApiKeyKey, out var value) && value is VerifiedApiKey { KeyId: { } id } && id == keyId;

    private static bool HoldsGrants(GraphQLUserContext context)
        => context.TryGetValue(ConnectionAuthenticator.PrincipalKey, out var value)
           && value is RegistryPrincipal { IsAuthenticated: true, ImplicitAdmin: false };
}
