using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Models;

/// <summary>Input of <see cref="RegisterModel"/>.</summary>
public sealed record RegisterModelCommand(
    string Name, string? DisplayName, string? Description, ModelTask Task, string Owner,
    IReadOnlyList<string>? Tags, string? BusinessContext)
{
    /// <summary>Key/value tags.</summary>
    public IReadOnlyList<KeyValueDraft>? KeyValueTags { get; init; }
}

/// <summary>Registers a model under a unique, URL-safe name.</summary>
public sealed class RegisterModel(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<Model>> ExecuteAsync(RegisterModelCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Model>(async w =>
        {
            if (await w.RequireAsync(Role.Contributor, AccessScope.OfTeam(command.Owner.Trim()), "register a model for this team", cancellationToken) is { } denied)
                return denied;
            var error = Rules.First(
                Rules.CheckName(command.Name, "name", "model"),
                Rules.CheckRequired(command.Owner, "owner"),
                Rules.CheckOptional(command.DisplayName, "displayName", 200),
                Rules.CheckOptional(command.Description, "description"),
                Rules.CheckOptional(command.BusinessContext, "businessContext"));
            if (error is not null)
                return error;
            var tags = Rules.NormaliseTags(command.Tags);
            if (!tags.IsSuccess)
                return tags.Error!;
            var keyValueTags = KeyValueTagRules.Normalise(command.KeyValueTags);
            if (!keyValueTags.IsSuccess)
                return keyValueTags.Error!;
            if (await w.Db.Models.AnyAsync(m => m.Name == command.Name && m.DeletedAt == null, cancellationToken))
                return new DomainError(ErrorCodes.NameTaken, $"A model named '{command.Name}' already exists.", "name");

            var model = new Model
            {
                Name = command.Name,
                DisplayName = command.DisplayName,
                Description = command.Description,
                Task = command.Task,
                Owner = command.Owner.Trim(),
                Tags = tags.Value!,
                BusinessContext = command.BusinessContext,
                CreatedAt = w.Now,
                CreatedBy = w.Actor,
                UpdatedAt = w.Now,
                KeyValueTags = [.. keyValueTags.Value!.Select(t => new ModelKeyValueTag { Key = t.Key, Value = t.Value! })],
            };
            w.Db.Models.Add(model);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.ModelRegistered, nameof(Model), model.Id, model.Id,
                new ModelRegistered(model.Name, model.Owner, model.Task.ToString().ToUpperInvariant(), model.Tags)
                {
                    KeyValueTags = keyValueTags.Value!.Count == 0 ? null : [.. keyValueTags.Value!.Select(t => new ChainedKeyValue(t.Key, t.Value!))],
                });
            return model;
        }, cancellationToken);
}
