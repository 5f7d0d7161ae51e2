using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.History;

/// <summary>
/// A version as it stood at <see cref="AsOf"/>: its stage and the aliases pointing at it then. A detached copy, never
/// saved; the rest of the row (number, metrics, parameters) does not change after creation.
/// </summary>
public sealed class ModelVersionAsOf : ModelVersion
{
    /// <summary>The instant the state is read at (UTC).</summary>
    public DateTime AsOf { get; init; }

    /// <summary>Names of the aliases that pointed at the version then, in name order.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Copies a live version with its stage and aliases at <paramref name="asOf"/>.</summary>
    public static ModelVersionAsOf Of(ModelVersion live, DateTime asOf, ModelStage stage, IReadOnlyList<string> aliases) => new()
    {
        Id = live.Id, ModelId = live.ModelId, Number = live.Number, Stage = stage, Description = live.Description,
        CreatedAt = live.CreatedAt, CreatedBy = live.CreatedBy, Framework = live.Framework,
        HyperparametersJson = live.HyperparametersJson, TrainingParametersJson = live.TrainingParametersJson,
        Tags = live.Tags, SourceCode = live.SourceCode, AsOf = asOf, Aliases = aliases,
    };
}

/// <summary>A deployment as it stood at <see cref="AsOf"/>: its status, traffic and retirement then. A detached copy, never saved.</summary>
public sealed class DeploymentAsOf : Deployment
{
    /// <summary>The instant the state is read at (UTC).</summary>
    public DateTime AsOf { get; init; }

    /// <summary>Copies a live deployment with the state its last change up to <paramref name="asOf"/> left it in.</summary>
    public static DeploymentAsOf Of(Deployment live, DateTime asOf, DeploymentChange? last) => new()
    {
        Id = live.Id, ModelVersionId = live.ModelVersionId, Environment = live.Environment, Endpoint = live.Endpoint,
        Platform = live.Platform, DeployedAt = live.DeployedAt, DeployedBy = live.DeployedBy, AsOf = asOf,
        // A deployment is recorded ACTIVE; without a recorded change nothing is known to have altered that.
        Status = last?.To ?? DeploymentStatus.Active,
        TrafficPercent = last?.TrafficPercent,
        RetiredAt = last is { To: DeploymentStatus.Retired } ? last.At : null,
    };
}

/// <summary>An alias as it stood at <see cref="AsOf"/>: the version it pointed at then, and who had set it when.</summary>
public sealed class ModelAliasAsOf : ModelAlias
{
    /// <summary>The instant the alias is read at (UTC).</summary>
    public DateTime AsOf { get; init; }
}
