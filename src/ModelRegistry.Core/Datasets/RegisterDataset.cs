using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Datasets;

/// <summary>Input of <see cref="RegisterDataset"/>.</summary>
public sealed record RegisterDatasetCommand(string Name, string? Description, string? Owner);

/// <summary>Registers a dataset under a unique, URL-safe name.</summary>
public sealed class RegisterDataset(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<Dataset>> ExecuteAsync(RegisterDatasetCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Dataset>(async w =>
        {
            if (await w.RequireAsync(Role.Contributor, AccessScope.OfTeam(command.Owner), "register a dataset", cancellationToken) is { } denied)
                return denied;
            var error = Rules.First(
                Rules.CheckName(command.Name, "name", "dataset"),
                Rules.CheckOptional(command.Description, "description"),
                Rules.CheckOptional(command.Owner, "owner", Rules.MaxNameLength));
            if (error is not null)
                return error;
            if (await w.Db.Datasets.AnyAsync(d => d.Name == command.Name, cancellationToken))
                return new DomainError(ErrorCodes.NameTaken, $"A dataset named '{command.Name}' already exists.", "name");
            var dataset = new Dataset
            {
                Name = command.Name, Description = command.Description, Owner = command.Owner,
                CreatedAt = w.Now, CreatedBy = w.Actor,
            };
            w.Db.Datasets.Add(dataset);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.DatasetRegistered, nameof(Dataset), dataset.Id, null, new DatasetRegistered(dataset.Name, dataset.Owner));
            return dataset;
        }, cancellationToken);
}
