using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Models;

/// <summary>Input of <see cref="UpdateModel"/>; a null field is left unchanged.</summary>
public sealed record UpdateModelCommand(
    long ModelId, string? DisplayName, string? Description, IReadOnlyList<string>? Tags, string? BusinessContext, string? Reason);

/// <summary>Edits a model card; the name, task and owner are fixed at registration.</summary>
public sealed class UpdateModel(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<Model>> ExecuteAsync(UpdateModelCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Model>(async w =>
        {
            var model = await w.Db.Models.FindAsync([command.ModelId], cancellationToken);
            var notFound = DomainError.NotFound("The model", "id");
            if (model is null)
                return notFound;
            if (await w.RequireAsync(Role.Contributor, AccessScope.Of(model), "edit this model", notFound, cancellationToken) is { } denied)
                return denied;
            var error = Rules.First(
                Rules.CheckOptional(command.DisplayName, "displayName", 200),
                Rules.CheckOptional(command.Description, "description"),
                Rules.CheckOptional(command.BusinessContext, "businessContext"),
                Rules.CheckOptional(command.Reason, "reason"));
            if (error is not null)
                return error;

            var changes = new Dictionary<string, object?>();
            if (command.DisplayName is not null && command.DisplayName != model.DisplayName)
                changes["displayName"] = model.DisplayName = command.DisplayName;
            if (command.Description is not null && command.Description != model.Description)
                changes["description"] = model.Description = command.Description;
            if (command.BusinessContext is not null && command.BusinessContext != model.BusinessContext)
                changes["businessContext"] = model.BusinessContext = command.BusinessContext;
            if (command.Tags is not null)
            {
                var tags = Rules.NormaliseTags(command.Tags);
                if (!tags.IsSuccess)
                    return tags.Error!;
                if (!tags.Value!.SequenceEqual(model.Tags))
                    changes["tags"] = model.Tags = tags.Value!;
            }
            if (changes.Count == 0)
                return model;
            model.UpdatedAt = w.Now;
            w.Audit(EventTypes.ModelUpdated, nameof(Model), model.Id, model.Id, changes, command.Reason);
            return model;
        }, cancellationToken);
}
