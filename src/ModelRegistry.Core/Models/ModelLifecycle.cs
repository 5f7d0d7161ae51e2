using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Models;

/// <summary>Input of <see cref="RenameModel"/>.</summary>
public sealed record RenameModelCommand(long ModelId, string NewName, string? Reason);

/// <summary>Renames a model. History keeps the old name in its events; nothing scoped by name may still point at it.</summary>
public sealed class RenameModel(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<Model>> ExecuteAsync(RenameModelCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Model>(async w =>
        {
            var loaded = await ModelLifecycle.LoadAsync(w, command.ModelId, Role.Contributor, "rename this model", cancellationToken);
            if (loaded.Error is { } refused)
                return refused;
            var model = loaded.Value!;
            if (Rules.First(Rules.CheckName(command.NewName, "newName", "model"), Rules.CheckOptional(command.Reason, "reason")) is { } invalid)
                return invalid;
            if (command.NewName == model.Name)
                return model;
            if (await w.Db.Models.AnyAsync(m => m.Name == command.NewName && m.DeletedAt == null, cancellationToken))
                return new DomainError(ErrorCodes.NameTaken, $"A model named '{command.NewName}' already exists.", "newName");
            if (await ModelRules.CheckNotNamedByGovernanceAsync(w.Db, model, "rename", cancellationToken) is { } governed)
                return governed;
            var from = model.Name;
            model.Name = command.NewName;
            model.UpdatedAt = w.Now;
            w.Audit(EventTypes.ModelRenamed, nameof(Model), model.Id, model.Id, new ModelRenamed(from, model.Name), command.Reason);
            return model;
        }, cancellationToken);
}

/// <summary>Input of <see cref="DeleteModel"/>.</summary>
public sealed record DeleteModelCommand(long ModelId, string? Reason);

/// <summary>
/// Deletes a model and its versions: they are kept, with their history and audit trail, marked deleted and hidden from the
/// MLflow API; the name may be registered again. Anything that is or was in PRODUCTION, or still serves, is never deleted.
/// </summary>
public sealed class DeleteModel(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<Model>> ExecuteAsync(DeleteModelCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Model>(async w =>
        {
            var loaded = await ModelLifecycle.LoadAsync(w, command.ModelId, Role.Contributor, "delete this model", cancellationToken);
            if (loaded.Error is { } refused)
                return refused;
            var model = loaded.Value!;
            if (Rules.CheckOptional(command.Reason, "reason") is { } invalid)
                return invalid;
            var versions = await w.Db.ModelVersions.Where(v => v.ModelId == model.Id && v.DeletedAt == null).OrderBy(v => v.Number).ToListAsync(cancellationToken);
            foreach (var version in versions)
                if (await ModelLifecycle.CheckDeletableAsync(w, version, cancellationToken) is { } kept)
                    return kept;
            if (await ModelRules.CheckNotNamedByGovernanceAsync(w.Db, model, "delete", cancellationToken) is { } governed)
                return governed;
            foreach (var version in versions)
            {
                version.DeletedAt = w.Now;
                version.DeletedBy = w.Actor;
            }
            await ModelLifecycle.RemoveAliasesAsync(w, model, null, command.Reason, cancellationToken);
            model.DeletedAt = w.Now;
            model.DeletedBy = w.Actor;
            model.UpdatedAt = w.Now;
            w.Audit(EventTypes.ModelDeleted, nameof(Model), model.Id, model.Id, new ModelDeleted(model.Name, [.. versions.Select(v => v.Number)]), command.Reason);
            return model;
        }, cancellationToken);
}

/// <summary>Input of <see cref="DeleteModelVersion"/>.</summary>
public sealed record DeleteModelVersionCommand(long ModelVersionId, string? Reason);

/// <summary>Deletes a version (kept, marked deleted; its number is never reused) and the aliases that point at it.</summary>
public sealed class DeleteModelVersion(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<ModelVersion>> ExecuteAsync(DeleteModelVersionCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<ModelVersion>(async w =>
        {
            var loaded = await w.VersionForAsync(command.ModelVersionId, Role.Contributor, "delete versions of this model", cancellationToken);
            if (loaded.Error is { } refused)
                return refused;
            var version = loaded.Value!;
            if (Rules.CheckOptional(command.Reason, "reason") is { } invalid)
                return invalid;
            if (await ModelLifecycle.CheckDeletableAsync(w, version, cancellationToken) is { } kept)
                return kept;
            var removed = await ModelLifecycle.RemoveAliasesAsync(w, version.Model!, version, command.Reason, cancellationToken);
            version.DeletedAt = w.Now;
            version.DeletedBy = w.Actor;
            version.UpdatedAt = w.Now;
            version.Model!.UpdatedAt = w.Now;
            w.Audit(EventTypes.VersionDeleted, nameof(ModelVersion), version.Id, version.ModelId,
                new VersionDeleted(version.Model.Name, version.Number, removed), command.Reason);
            return version;
        }, cancellationToken);
}

/// <summary>Input of <see cref="UpdateModelVersion"/>.</summary>
public sealed record UpdateModelVersionCommand(long ModelVersionId, string? Description, string? Reason);

/// <summary>Changes a version's description (the only field MLflow lets a client edit).</summary>
public sealed class UpdateModelVersion(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<ModelVersion>> ExecuteAsync(UpdateModelVersionCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<ModelVersion>(async w =>
        {
            var loaded = await w.VersionForAsync(command.ModelVersionId, Role.Contributor, "edit versions of this model", cancellationToken);
            if (loaded.Error is { } refused)
                return refused;
            var version = loaded.Value!;
            if (Rules.First(Rules.CheckOptional(command.Description, "description"), Rules.CheckOptional(command.Reason, "reason")) is { } invalid)
                return invalid;
            var description = string.IsNullOrEmpty(command.Description) ? null : command.Description;
            if (description == version.Description)
                return version;
            var before = version.Description;
            version.Description = description;
            version.UpdatedAt = w.Now;
            w.Audit(EventTypes.VersionUpdated, nameof(ModelVersion), version.Id, version.ModelId,
                new VersionUpdated(version.Model!.Name, version.Number, description, before), command.Reason);
            return version;
        }, cancellationToken);
}

/// <summary>Input of <see cref="RemoveModelAlias"/>.</summary>
public sealed record RemoveModelAliasCommand(long ModelId, string Alias, string? Reason);

/// <summary>Removes an alias; the removal is chained, so the alias's history (and its state at any past instant) stays true.</summary>
public sealed class RemoveModelAlias(RegistryWriter writer)
{
    /// <summary>Runs the use case; NOT_FOUND when the model has no such alias.</summary>
    public Task<Result<Model>> ExecuteAsync(RemoveModelAliasCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Model>(async w =>
        {
            var loaded = await ModelLifecycle.LoadAsync(w, command.ModelId, Role.Deployer, "move this model's aliases", cancellationToken);
            if (loaded.Error is { } refused)
                return refused;
            var model = loaded.Value!;
            if (Rules.CheckOptional(command.Reason, "reason") is { } invalid)
                return invalid;
            var alias = await w.Db.ModelAliases.Include(a => a.ModelVersion).FirstOrDefaultAsync(a => a.ModelId == model.Id && a.Name == command.Alias, cancellationToken);
            if (alias is null)
                return DomainError.NotFound($"The alias '{command.Alias}'", "alias");
            ModelLifecycle.Remove(w, model, alias, command.Reason);
            return model;
        }, cancellationToken);
}

/// <summary>Input of <see cref="SetKeyValueTag"/>: a model's tag, or one of its versions' when <paramref name="VersionNumber"/> is set.</summary>
public sealed record SetKeyValueTagCommand(long ModelId, int? VersionNumber, string Key, string? Value, string? Reason);

/// <summary>Sets (creates or replaces) a key/value tag on a model or a version.</summary>
public sealed class SetKeyValueTag(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<Model>> ExecuteAsync(SetKeyValueTagCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Model>(async w =>
        {
            var target = await ModelLifecycle.TagTargetAsync(w, command.ModelId, command.VersionNumber, cancellationToken);
            if (target.Error is { } refused)
                return refused;
            var (model, version) = target.Value;
            if (Rules.First(KeyValueTagRules.Check(command.Key, command.Value), Rules.CheckOptional(command.Reason, "reason")) is { } invalid)
                return invalid;
            var value = command.Value ?? "";
            string? previous;
            if (version is null)
            {
                var tag = await w.Db.ModelKeyValueTags.FirstOrDefaultAsync(t => t.ModelId == model.Id && t.Key == command.Key, cancellationToken);
                previous = tag?.Value;
                if (tag is null)
                {
                    if (await w.Db.ModelKeyValueTags.CountAsync(t => t.ModelId == model.Id, cancellationToken) >= KeyValueTagRules.MaxTags)
                        return DomainError.Invalid($"A model carries at most {KeyValueTagRules.MaxTags} tags.", "key");
                    w.Db.ModelKeyValueTags.Add(tag = new ModelKeyValueTag { ModelId = model.Id, Key = command.Key });
                }
                tag.Value = value;
            }
            else
            {
                var tag = await w.Db.VersionKeyValueTags.FirstOrDefaultAsync(t => t.ModelVersionId == version.Id && t.Key == command.Key, cancellationToken);
                previous = tag?.Value;
                if (tag is null)
                {
                    if (await w.Db.VersionKeyValueTags.CountAsync(t => t.ModelVersionId == version.Id, cancellationToken) >= KeyValueTagRules.MaxTags)
                        return DomainError.Invalid($"A version carries at most {KeyValueTagRules.MaxTags} tags.", "key");
                    w.Db.VersionKeyValueTags.Add(tag = new VersionKeyValueTag { ModelVersionId = version.Id, Key = command.Key });
                }
                tag.Value = value;
            }
            // Setting the value a tag already has changes nothing, not even the last-updated time.
            if (previous == value)
                return model;
            if (version is null)
                model.UpdatedAt = w.Now;
            else
                version.UpdatedAt = w.Now;
            w.Audit(EventTypes.TagSet, version is null ? nameof(Model) : nameof(ModelVersion), version?.Id ?? model.Id, model.Id,
                new KeyValueTagSet(model.Name, version?.Number, command.Key, value, previous), command.Reason);
            return model;
        }, cancellationToken);
}

/// <summary>Input of <see cref="DeleteKeyValueTag"/>.</summary>
public sealed record DeleteKeyValueTagCommand(long ModelId, int? VersionNumber, string Key, string? Reason);

/// <summary>Deletes a key/value tag of a model or a version; NOT_FOUND when there is none under that key.</summary>
public sealed class DeleteKeyValueTag(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<Model>> ExecuteAsync(DeleteKeyValueTagCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Model>(async w =>
        {
            var target = await ModelLifecycle.TagTargetAsync(w, command.ModelId, command.VersionNumber, cancellationToken);
            if (target.Error is { } refused)
                return refused;
            var (model, version) = target.Value;
            if (Rules.CheckOptional(command.Reason, "reason") is { } invalid)
                return invalid;
            string previous;
            if (version is null)
            {
                var tag = await w.Db.ModelKeyValueTags.FirstOrDefaultAsync(t => t.ModelId == model.Id && t.Key == command.Key, cancellationToken);
                if (tag is null)
                    return DomainError.NotFound($"The tag '{command.Key}'", "key");
                previous = tag.Value;
                w.Db.ModelKeyValueTags.Remove(tag);
                model.UpdatedAt = w.Now;
            }
            else
            {
                var tag = await w.Db.VersionKeyValueTags.FirstOrDefaultAsync(t => t.ModelVersionId == version.Id && t.Key == command.Key, cancellationToken);
                if (tag is null)
                    return DomainError.NotFound($"The tag '{command.Key}'", "key");
                previous = tag.Value;
                w.Db.VersionKeyValueTags.Remove(tag);
                version.UpdatedAt = w.Now;
            }
            w.Audit(EventTypes.TagDeleted, version is null ? nameof(Model) : nameof(ModelVersion), version?.Id ?? model.Id, model.Id,
                new KeyValueTagDeleted(model.Name, version?.Number, command.Key, previous), command.Reason);
            return model;
        }, cancellationToken);
}

/// <summary>What the lifecycle use cases share.</summary>
internal static class ModelLifecycle
{
    /// <summary>Loads a living model the caller may act on with <paramref name="role"/>; a model it cannot read is NOT_FOUND.</summary>
    public static async Task<Result<Model>> LoadAsync(WriteScope w, long modelId, Role role, string action, CancellationToken cancellationToken)
    {
        var notFound = DomainError.NotFound("The model", "modelId");
        var model = await w.Db.Models.FindAsync([modelId], cancellationToken);
        if (model is null)
            return notFound;
        if (await w.RequireAsync(role, AccessScope.Of(model), action, notFound, cancellationToken) is { } denied)
            return denied;
        if (ModelRules.CheckLive(model) is { } deleted)
            return deleted;
        w.Concerns(nameof(Model), model.Id, model.Id);
        return model;
    }

    /// <summary>The model, and the version when a number is given, whose tags a CONTRIBUTOR may change.</summary>
    public static async Task<Result<(Model, ModelVersion?)>> TagTargetAsync(WriteScope w, long modelId, int? number, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(w, modelId, Role.Contributor, "tag this model", cancellationToken);
        if (loaded.Error is { } refused)
            return refused;
        var model = loaded.Value!;
        if (number is null)
            return (model, (ModelVersion?)null);
        var version = await w.Db.ModelVersions.FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Number == number, cancellationToken);
        if (version is null)
            return DomainError.NotFound($"Version {number} of '{model.Name}'", "version");
        version.Model = model;
        if (ModelVersionRules.CheckLive(version) is { } deleted)
            return deleted;
        return (model, (ModelVersion?)version);
    }

    /// <summary>
    /// A version that is or was in PRODUCTION, or that a deployment still serves, is kept for good: its trail is what an
    /// auditor asks for. Null when the version may be deleted.
    /// </summary>
    public static async Task<DomainError?> CheckDeletableAsync(WriteScope w, ModelVersion version, CancellationToken cancellationToken)
    {
        if (version.Stage == ModelStage.Production
            || await w.Db.StageTransitions.AnyAsync(t => t.ModelVersionId == version.Id && t.To == ModelStage.Production, cancellationToken))
            return new DomainError(ErrorCodes.Immutable,
                $"Version {version.Number} is or was in PRODUCTION; it is kept for good and cannot be deleted (archive it instead).", "version");
        var serving = await w.Db.Deployments.CountAsync(d => d.ModelVersionId == version.Id
            && (d.Status == DeploymentStatus.Active || d.Status == DeploymentStatus.Pending || d.Status == DeploymentStatus.Draining), cancellationToken);
        if (serving > 0)
            return DomainError.Invalid($"Version {version.Number} still has {serving} live deployment(s); retire them before deleting it.", "version");
        return null;
    }

    /// <summary>Removes the model's aliases (those pointing at <paramref name="version"/> only, when given); their names.</summary>
    public static async Task<IReadOnlyList<string>> RemoveAliasesAsync(WriteScope w, Model model, ModelVersion? version, string? reason, CancellationToken cancellationToken)
    {
        var aliases = await w.Db.ModelAliases.Include(a => a.ModelVersion)
            .Where(a => a.ModelId == model.Id && (version == null || a.ModelVersionId == version.Id))
            .OrderBy(a => a.Name).ToListAsync(cancellationToken);
        foreach (var alias in aliases)
            Remove(w, model, alias, reason);
        return [.. aliases.Select(a => a.Name)];
    }

    /// <summary>Removes one alias and chains the removal.</summary>
    public static void Remove(WriteScope w, Model model, ModelAlias alias, string? reason)
    {
        w.Db.ModelAliases.Remove(alias);
        w.Audit(EventTypes.AliasRemoved, nameof(Model), model.Id, model.Id,
            new AliasRemoved(model.Name, alias.Name, alias.ModelVersion!.Number, alias.ModelVersionId), reason);
    }
}
