using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Versions;

/// <summary>Limits and checks of the fields MLflow clients set on a version: source, run id and run link.</summary>
public static class ModelVersionRules
{
    /// <summary>Longest source URI or run link.</summary>
    public const int MaxSourceLength = 2000;
    /// <summary>Longest run id.</summary>
    public const int MaxRunIdLength = 200;

    /// <summary>Checks a version's source, run id and run link; null when valid.</summary>
    public static DomainError? CheckRunFields(string? source, string? runId, string? runLink)
    {
        if (Rules.CheckOptional(source, "source", MaxSourceLength) is { } tooLong)
            return tooLong;
        // A source that climbs out of its folder, or carries a NUL, could name files outside the run (MLflow refuses both).
        if (source is not null && (source.Contains('\0') || source.Replace('\\', '/').Split('/').Contains("..")))
            return DomainError.Invalid("Invalid model version source: it must not contain '..' or NUL.", "source");
        return Rules.First(
            Rules.CheckOptional(runId, "runId", MaxRunIdLength),
            Rules.CheckOptional(runLink, "runLink", MaxSourceLength));
    }

    /// <summary>The refusal of a write to a deleted version; null when it lives.</summary>
    public static DomainError? CheckLive(ModelVersion version)
        => version.DeletedAt is null ? null : DomainError.Invalid($"Version {version.Number} was deleted; it can no longer change.", "modelVersionId");
}
