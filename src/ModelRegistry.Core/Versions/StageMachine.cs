using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Versions;

/// <summary>
/// The version lifecycle. DEVELOPMENT → STAGING → PRODUCTION is the road to production (no skipping STAGING);
/// any live stage may be ARCHIVED; STAGING may go back to DEVELOPMENT and PRODUCTION back to STAGING (demotion).
/// ARCHIVED is left only by an explicit restore, which returns the version to DEVELOPMENT.
/// </summary>
public static class StageMachine
{
    private static readonly Dictionary<ModelStage, ModelStage[]> Allowed = new()
    {
        [ModelStage.Development] = [ModelStage.Staging, ModelStage.Archived],
        [ModelStage.Staging] = [ModelStage.Production, ModelStage.Development, ModelStage.Archived],
        [ModelStage.Production] = [ModelStage.Staging, ModelStage.Archived],
        [ModelStage.Archived] = [],
    };

    /// <summary>The stages reachable from <paramref name="from"/> by a promotion.</summary>
    public static IReadOnlyList<ModelStage> Targets(ModelStage from) => Allowed[from];

    /// <summary>Checks a promotion from one stage to another; null when allowed.</summary>
    public static DomainError? Check(ModelStage from, ModelStage to)
    {
        if (from == to)
            return new DomainError(ErrorCodes.InvalidTransition, $"The version is already in {Name(to)}.", "targetStage");
        if (from == ModelStage.Archived)
            return new DomainError(ErrorCodes.InvalidTransition,
                "An ARCHIVED version must be restored (restoreModelVersion) before it can change stage.", "targetStage");
        if (!Allowed[from].Contains(to))
            return new DomainError(ErrorCodes.InvalidTransition,
                $"{Name(from)} → {Name(to)} is not allowed; from {Name(from)} a version may go to {string.Join(", ", Allowed[from].Select(Name))}.",
                "targetStage");
        return null;
    }

    /// <summary>The contract's spelling of a stage (e.g. PRODUCTION).</summary>
    public static string Name(ModelStage stage) => stage.ToString().ToUpperInvariant();

    /// <summary>The stage a chained name stands for (e.g. STAGING); null when missing or unknown.</summary>
    public static ModelStage? Parse(string? name)
        => Enum.TryParse<ModelStage>(name, ignoreCase: true, out var stage) && Enum.IsDefined(stage) ? stage : null;
}
