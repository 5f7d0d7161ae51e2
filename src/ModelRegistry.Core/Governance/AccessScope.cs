using ModelRegistry.Core.Models;

namespace ModelRegistry.Core.Governance;

/// <summary>What a permission is asked about: a model (its team and name), a team, or the whole registry.</summary>
public sealed record AccessScope(string? Owner, string? ModelName)
{
    /// <summary>The scope string of a grant that covers everything.</summary>
    public const string Global = "global";

    /// <summary>The registry as a whole.</summary>
    public static readonly AccessScope Registry = new(null, null);

    /// <summary>One model.</summary>
    public static AccessScope Of(Model model) => new(model.Owner, model.Name);

    /// <summary>One team's resources.</summary>
    public static AccessScope OfTeam(string? owner) => new(owner, null);

    /// <summary>Whether a grant's scope string covers this scope.</summary>
    public bool IsCoveredBy(string grantScope)
        => grantScope == Global
           || (Owner is not null && grantScope == "team:" + Owner)
           || (ModelName is not null && grantScope == "model:" + ModelName);

    /// <summary>Checks a grant scope string: "global", "team:&lt;owner&gt;" or "model:&lt;name&gt;".</summary>
    public static bool IsValidGrantScope(string scope)
        => scope == Global
           || (scope.StartsWith("team:", StringComparison.Ordinal) && scope.Length > 5)
           || (scope.StartsWith("model:", StringComparison.Ordinal) && scope.Length > 6);
}
