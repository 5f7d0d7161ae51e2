using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Promotions;

/// <summary>Input of <see cref="RestoreModelVersion"/>.</summary>
public sealed record RestoreModelVersionCommand(long ModelVersionId, string Reason);

/// <summary>The explicit restore: brings an ARCHIVED version back to DEVELOPMENT.</summary>
public sealed class RestoreModelVersion(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<ModelVersion>> ExecuteAsync(RestoreModelVersionCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<ModelVersion>(async w =>
        {
            var loaded = await w.VersionForAsync(command.ModelVersionId, Role.Contributor, "restore versions of this model", cancellationToken);
            if (loaded.Error is { } refused)
                return refused;
            var version = loaded.Value!;
            var error = Rules.CheckRequired(command.Reason, "reason", Rules.MaxTextLength);
            if (error is not null)
                return error;
            if (version.Stage != ModelStage.Archived)
                return new DomainError(ErrorCodes.InvalidTransition, $"Only an ARCHIVED version can be restored; this one is {StageMachine.Name(version.Stage)}.", "modelVersionId");
            await StageChange.ApplyAsync(w, version, ModelStage.Development, command.Reason, null, cancellationToken);
            return version;
        }, cancellationToken);
}
