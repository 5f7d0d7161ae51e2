using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
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
                ModelRules.CheckLive(model),
                Rules.CheckOptional(command.DisplayName, "displayName", 200),
                Rules.CheckOptional(command.Description, "description"),
                Rules.CheckOptional(command.BusinessContext, "businessContext"),
                Rules.CheckOptional(command.Reason, "reason"));
            if (error is not null)
                return error;

            var before = new ModelCardValues(model.DisplayName, model.Description, model.BusinessContext, [.. model.Tags]);
            List<string>? newTags = null;
            if (command.Tags is not null)
            {
                var tags = Rules.NormaliseTags(command.Tags);
                if (!tags.IsSuccess)
                    return tags.Error!;
                newTags = tags.Value!.SequenceEqual(model.Tags) ? null : tags.Value!;
            }
            // A field is in the event only when it changes, as it always was; Before holds the whole card as it was.
            var changes = new ModelUpdated(
                Changed(command.DisplayName, model.DisplayName), Changed(command.Description, model.Description),
                Changed(command.BusinessContext, model.BusinessContext), newTags, before);
            if (changes is { DisplayName: null, Description: null, BusinessContext: null, Tags: null })
                return model;
            model.DisplayName = changes.DisplayName ?? model.DisplayName;
            model.Description = changes.Description ?? model.Description;
            model.BusinessContext = changes.BusinessContext ?? model.BusinessContext;
            model.Tags = newTags ?? model.Tags;
            model.UpdatedAt = w.Now;
            w.Audit(EventTypes.ModelUpdated, nameof(Model), model.Id, model.Id, changes, command.Reason);
            return model;
        }, cancellationToken);

    private static string? Changed(string? requested, string? current) => requested is not null && requested != current ? requested : null;
}
