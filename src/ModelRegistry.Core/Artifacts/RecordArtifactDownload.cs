using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Artifacts;

/// <summary>Input of <see cref="RecordArtifactDownload"/>: the artifact, whom its signed URL was issued to, and the byte range served.</summary>
public sealed record RecordArtifactDownloadCommand(long ArtifactId, string IssuedTo, long FirstByte, long LastByte, bool Partial);

/// <summary>
/// Appends ARTIFACT_DOWNLOADED before any byte is served, through the write path, because the audit log is one hash chain
/// and only the writer appends to it. The signed URL already proved the right to read, so no role is checked here.
/// </summary>
public sealed class RecordArtifactDownload(RegistryWriter writer)
{
    /// <summary>Runs the use case; NOT_FOUND when the artifact was deleted since the URL was issued.</summary>
    public Task<Result<Artifact>> ExecuteAsync(RecordArtifactDownloadCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Artifact>(async w =>
        {
            var artifact = await w.Db.Artifacts.AsNoTracking().Include(a => a.ModelVersion).ThenInclude(v => v!.Model)
                .FirstOrDefaultAsync(a => a.Id == command.ArtifactId, cancellationToken);
            if (artifact is null)
                return DomainError.NotFound("The artifact", "artifactId");
            var version = artifact.ModelVersion!;
            w.Audit(EventTypes.ArtifactDownloaded, nameof(Artifact), artifact.Id, version.ModelId, new ArtifactDownloaded(
                version.Model!.Name, version.Number, artifact.Name, artifact.Sha256, command.IssuedTo,
                command.Partial ? $"bytes={command.FirstByte}-{command.LastByte}" : null,
                command.LastByte - command.FirstByte + 1));
            return artifact;
        }, cancellationToken);
}
