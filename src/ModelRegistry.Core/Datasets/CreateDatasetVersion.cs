using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Datasets;

/// <summary>Input of <see cref="CreateDatasetVersion"/>.</summary>
public sealed record CreateDatasetVersionCommand(long DatasetId, string Version, string? Uri, string? Sha256, long? RowCount);

/// <summary>Registers an immutable snapshot of a dataset under a label unique within it.</summary>
public sealed partial class CreateDatasetVersion(RegistryWriter writer)
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex Sha256Hex();

    /// <summary>Runs the use case.</summary>
    public Task<Result<DatasetVersion>> ExecuteAsync(CreateDatasetVersionCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<DatasetVersion>(async w =>
        {
            var dataset = await w.Db.Datasets.FindAsync([command.DatasetId], cancellationToken);
            var notFound = DomainError.NotFound("The dataset", "datasetId");
            if (dataset is null)
                return notFound;
            if (await w.RequireAsync(Role.Contributor, AccessScope.OfTeam(dataset.Owner), "add versions to this dataset", notFound, cancellationToken) is { } denied)
                return denied;
            var sha = command.Sha256?.Trim().ToLowerInvariant();
            var error = Rules.First(
                Rules.CheckRequired(command.Version, "version"),
                Rules.CheckOptional(command.Uri, "uri", 2000),
                sha is not null && !Sha256Hex().IsMatch(sha) ? DomainError.Invalid("'sha256' must be 64 hexadecimal digits.", "sha256") : null,
                command.RowCount < 0 ? DomainError.Invalid("'rowCount' must not be negative.", "rowCount") : null);
            if (error is not null)
                return error;
            var label = command.Version.Trim();
            if (await w.Db.DatasetVersions.AnyAsync(v => v.DatasetId == dataset.Id && v.Version == label, cancellationToken))
                return new DomainError(ErrorCodes.NameTaken, $"Dataset '{dataset.Name}' already has a version '{label}'.", "version");
            var version = new DatasetVersion
            {
                DatasetId = dataset.Id, Version = label, Uri = command.Uri, Sha256 = sha, RowCount = command.RowCount,
                CreatedAt = w.Now, CreatedBy = w.Actor,
            };
            w.Db.DatasetVersions.Add(version);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.DatasetVersionCreated, nameof(DatasetVersion), version.Id, null,
                new DatasetVersionCreated(dataset.Name, version.Version, version.Sha256, version.RowCount));
            return version;
        }, cancellationToken);
}
