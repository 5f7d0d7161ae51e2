using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Artifacts;

/// <summary>Input of <see cref="DeleteArtifact"/>.</summary>
public sealed record DeleteArtifactCommand(long ArtifactId, string? Reason);

/// <summary>Removes an artifact of a version that never reached PRODUCTION; its bytes go once the removal is committed.</summary>
public sealed class DeleteArtifact(RegistryWriter writer, IArtifactStore store)
{
    /// <summary>Runs the use case.</summary>
    public async Task<Result<Artifact>> ExecuteAsync(DeleteArtifactCommand command, CancellationToken cancellationToken)
    {
        var result = await writer.ExecuteAsync<Artifact>(async w =>
        {
            var artifact = await w.Db.Artifacts.Include(a => a.ModelVersion).ThenInclude(v => v!.Model)
                .FirstOrDefaultAsync(a => a.Id == command.ArtifactId, cancellationToken);
            var notFound = DomainError.NotFound("The artifact", "id");
            if (artifact is null)
                return notFound;
            var version = artifact.ModelVersion!;
            if (await w.RequireAsync(Role.Contributor, AccessScope.Of(version.Model!), "delete artifacts of this model", notFound, cancellationToken) is { } denied)
                return denied;
            if (Rules.CheckRequired(command.Reason, "reason", Rules.MaxTextLength) is { } invalid)
                return invalid;
            if (await ArtifactRules.IsImmutableAsync(w.Db, version, cancellationToken))
                return ArtifactRules.Immutable(version);
            w.Db.Artifacts.Remove(artifact);
            w.Audit(EventTypes.ArtifactDeleted, nameof(Artifact), artifact.Id, version.ModelId,
                new ArtifactDeleted(version.Model!.Name, version.Number, artifact.Name, artifact.SizeBytes, artifact.Sha256),
                command.Reason);
            return artifact;
        }, cancellationToken);
        if (result.IsSuccess)
            await DeleteBytesAsync(result.Value!.StorageKey);
        return result;
    }

    // After commit no row points at the bytes; a store that fails now leaves an unreachable orphan rather than
    // reporting a deletion that did happen as failed.
    private async Task DeleteBytesAsync(string key)
    {
        try
        {
            await store.DeleteAsync(key, CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
        }
    }
}
