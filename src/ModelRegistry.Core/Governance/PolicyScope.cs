using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Governance;

/// <summary>The scope a policy rule is set at, and whose ADMIN may set it; promotion and deployment policies share it.</summary>
public static class PolicyScope
{
    /// <summary>The refusal of a scope that is not "global", "team:&lt;owner&gt;" or "model:&lt;name&gt;".</summary>
    public static DomainError Invalid => DomainError.Invalid("'scope' must be \"global\", \"team:<owner>\" or \"model:<name>\".", "scope");

    /// <summary>
    /// The scopes whose rules apply to <paramref name="model"/>, most specific first: its own, its owning team's, then the
    /// registry's. The first scope with a rule decides; promotion and deployment policies, now and as of a past time, all
    /// read rules in this order.
    /// </summary>
    public static string[] Precedence(Model model) => ["model:" + model.Name, "team:" + model.Owner, AccessScope.Global];

    /// <summary>The access scope an ADMIN must hold to set a rule at <paramref name="scope"/>; null when it is not a valid scope.</summary>
    public static async Task<AccessScope?> TargetAsync(WriteScope w, string scope, CancellationToken cancellationToken)
    {
        if (!AccessScope.IsValidGrantScope(scope))
            return null;
        if (scope.StartsWith("team:", StringComparison.Ordinal))
            return AccessScope.OfTeam(scope[5..]);
        if (!scope.StartsWith("model:", StringComparison.Ordinal))
            return AccessScope.Registry;
        // A team's admin governs its models too, so a model scope carries the model's owner when the model exists.
        var name = scope[6..];
        return await w.Db.Models.FirstOrDefaultAsync(m => m.Name == name && m.DeletedAt == null, cancellationToken) is { } model
            ? AccessScope.Of(model)
            : new AccessScope(null, name);
    }
}
