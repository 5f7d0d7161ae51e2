using System.Collections.Concurrent;
using GraphQL;
using ModelRegistry.Api.Auth;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Events;

/// <summary>
/// Live events bypass the database's read filters, so each subscription checks them against the subscriber's
/// visibility: an event about a model is delivered only when the subscriber may read that model; events about keys
/// and grants only to subscribers who may read everything.
/// </summary>
public static class EventVisibility
{
    private static readonly string[] Restricted = ["ApiKey", "RoleAssignment", "PromotionPolicyRule", "DeploymentPolicyRule", "Webhook"];

    /// <summary>The predicate for one subscription, caching each model's verdict for the subscription's lifetime.</summary>
    public static Func<AuditEvent, bool> For(IResolveFieldContext context)
    {
        var visibility = context.UserContext.TryGetValue(ConnectionAuthenticator.VisibilityKey, out var value) && value is ReadVisibility v
            ? v
            : ReadVisibility.None;
        if (visibility.All)
            return _ => true;
        var scopes = context.RequestServices!.GetRequiredService<IServiceScopeFactory>();
        var models = new ConcurrentDictionary<long, bool>();
        return e => e.ModelId is { } id
            ? models.GetOrAdd(id, key => CanReadModel(scopes, visibility, key))
            : visibility.Any && !Restricted.Contains(e.SubjectType);
    }

    private static bool CanReadModel(IServiceScopeFactory scopes, ReadVisibility visibility, long modelId)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().Adopt(visibility);
        return scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Models.Any(m => m.Id == modelId);
    }
}
