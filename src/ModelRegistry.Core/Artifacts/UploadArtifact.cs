using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Artifacts;

/// <summary>Input of <see cref="UploadArtifact"/>.</summary>
public sealed record UploadArtifactCommand(long ModelVersionId, string Name, string? ContentType);

/// <summary>
/// Adds a file to a version in two steps: <see cref="CheckAsync"/> before any byte is read, so a refused upload does not
/// stream gigabytes first, and <see cref="RecordAsync"/> once the store holds the verified bytes, which re-checks
/// everything under the write lock and writes the row and its ARTIFACT_UPLOADED event.
/// </summary>
public sealed class UploadArtifact(RegistryWriter writer, IRegistryDbContext db, AccessControl access)
{
    /// <summary>
    /// Refusal or null, judged with the caller's read visibility: a version the caller cannot see is NOT_FOUND, like a missing one.
    /// </summary>
    public async Task<DomainError?> CheckAsync(UploadArtifactCommand command, CancellationToken cancellationToken)
    {
        if (Shape(command) is { } invalid)
            return invalid;
        var version = await db.ModelVersions.AsNoTracking().Include(v => v.Model)
            .FirstOrDefaultAsync(v => v.Id == command.ModelVersionId, cancellationToken);
        return await ArtifactRules.UploadRefusalAsync(db, access, version, command.Name, cancellationToken);
    }

    /// <summary>Records stored bytes; when refused, the caller deletes them.</summary>
    public Task<Result<Artifact>> RecordAsync(UploadArtifactCommand command, StoredBytes stored, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Artifact>(async w =>
        {
            if (Shape(command) is { } invalid)
                return invalid;
            var version = await w.Db.ModelVersions.Include(v => v.Model).FirstOrDefaultAsync(v => v.Id == command.ModelVersionId, cancellationToken);
            if (await ArtifactRules.UploadRefusalAsync(w.Db, w.Access, version, command.Name, cancellationToken) is { } refused)
                return refused;
            var artifact = new Artifact
            {
                ModelVersionId = version!.Id, Name = command.Name, SizeBytes = stored.SizeBytes, Sha256 = stored.Sha256,
                ContentType = command.ContentType, StorageKey = stored.Key, UploadedAt = w.Now, UploadedBy = w.Actor,
            };
            w.Db.Artifacts.Add(artifact);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.ArtifactUploaded, nameof(Artifact), artifact.Id, version.ModelId,
                new ArtifactUploaded(version.Model!.Name, version.Number, artifact.Name, artifact.SizeBytes, artifact.Sha256, artifact.ContentType));
            return artifact;
        }, cancellationToken);

    private static DomainError? Shape(UploadArtifactCommand command)
        => ArtifactRules.CheckFileName(command.Name)
           ?? Rules.CheckOptional(command.ContentType, "Content-Type", ArtifactRules.MaxContentTypeLength);
}
