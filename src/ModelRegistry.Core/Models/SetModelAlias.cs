using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Models;

/// <summary>Input of <see cref="SetModelAlias"/>.</summary>
public sealed record SetModelAliasCommand(long ModelId, string Alias, long ModelVersionId, string? Reason);

/// <summary>Points a per-model alias at a version, creating it or moving it; a move records who and when.</summary>
public sealed class SetModelAlias(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<Model>> ExecuteAsync(SetModelAliasCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Model>(async w =>
        {
            var model = await w.Db.Models.FindAsync([command.ModelId], cancellationToken);
            var notFound = DomainError.NotFound("The model", "modelId");
            if (model is null)
                return notFound;
            if (await w.RequireAsync(Role.Deployer, AccessScope.Of(model), "move this model's aliases", notFound, cancellationToken) is { } denied)
                return denied;
            var version = await w.Db.ModelVersions.Include(v => v.Model).FirstOrDefaultAsync(v => v.Id == command.ModelVersionId, cancellationToken);
            // A version of a model the caller cannot read is as absent as one that does not exist.
            if (version is null || (version.ModelId != model.Id && !await w.CanReadAsync(AccessScope.Of(version.Model!), cancellationToken)))
                return DomainError.NotFound("The model version", "modelVersionId");
            var error = Rules.First(
                ModelRules.CheckLive(model),
                ModelVersionRules.CheckLive(version),
                Rules.CheckName(command.Alias, "alias", "alias"),
                Rules.CheckOptional(command.Reason, "reason"),
                version.ModelId != model.Id ? DomainError.Invalid($"Version {version.Number} belongs to another model.", "modelVersionId") : null,
                version.Stage == ModelStage.Archived ? DomainError.Invalid("An alias cannot point at an ARCHIVED version.", "modelVersionId") : null);
            if (error is not null)
                return error;

            var alias = await w.Db.ModelAliases.FirstOrDefaultAsync(a => a.ModelId == model.Id && a.Name == command.Alias, cancellationToken);
            long? previousVersionId = alias?.ModelVersionId;
            int? previousNumber = previousVersionId is { } previousId
                ? await w.Db.ModelVersions.Where(v => v.Id == previousId).Select(v => (int?)v.Number).FirstOrDefaultAsync(cancellationToken)
                : null;
            if (alias is not null && alias.ModelVersionId == version.Id)
                return model;
            if (alias is null)
            {
                alias = new ModelAlias { ModelId = model.Id, Name = command.Alias };
                w.Db.ModelAliases.Add(alias);
            }
            alias.ModelVersionId = version.Id;
            alias.AssignedAt = w.Now;
            alias.AssignedBy = w.Actor;
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.AliasSet, nameof(Model), model.Id, model.Id,
                new AliasSet(model.Name, alias.Name, version.Number, version.Id, previousVersionId, previousNumber),
                command.Reason);
            return model;
        }, cancellationToken);
}
