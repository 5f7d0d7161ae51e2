using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Versions;

/// <summary>One metric of <see cref="CreateModelVersionCommand"/>.</summary>
public sealed record MetricDraft(string Name, double Value, string? Split, long? DatasetVersionId);

/// <summary>Input of <see cref="CreateModelVersion"/>; JSON parameters arrive as JSON text.</summary>
public sealed record CreateModelVersionCommand(
    long ModelId, string? Description, string? Framework, string? HyperparametersJson, string? TrainingParametersJson,
    IReadOnlyList<MetricDraft>? Metrics, IReadOnlyList<string>? Tags, SourceCodeRef? SourceCode, IReadOnlyList<long>? TrainedOn)
{
    /// <summary>Where the model's files live (MLflow's <c>source</c>).</summary>
    public string? Source { get; init; }
    /// <summary>The training run (MLflow's <c>run_id</c>).</summary>
    public string? RunId { get; init; }
    /// <summary>A link to the run (MLflow's <c>run_link</c>).</summary>
    public string? RunLink { get; init; }
    /// <summary>Key/value tags.</summary>
    public IReadOnlyList<KeyValueDraft>? KeyValueTags { get; init; }
}

/// <summary>Creates the next version of a model (numbers 1, 2, 3… gap-free), with its TRAINED_ON lineage.</summary>
public sealed class CreateModelVersion(RegistryWriter writer)
{
    /// <summary>Most metrics one version may carry.</summary>
    public const int MaxMetrics = 500;

    /// <summary>Runs the use case.</summary>
    public Task<Result<ModelVersion>> ExecuteAsync(CreateModelVersionCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<ModelVersion>(async w =>
        {
            var model = await w.Db.Models.FindAsync([command.ModelId], cancellationToken);
            var notFound = DomainError.NotFound("The model", "modelId");
            if (model is null)
                return notFound;
            if (await w.RequireAsync(Role.Contributor, AccessScope.Of(model), "create versions of this model", notFound, cancellationToken) is { } denied)
                return denied;
            var error = Rules.First(
                ModelRules.CheckLive(model),
                ModelVersionRules.CheckRunFields(command.Source, command.RunId, command.RunLink),
                Rules.CheckOptional(command.Description, "description"),
                Rules.CheckOptional(command.Framework, "framework", 200),
                CheckMetrics(command.Metrics),
                CheckSource(command.SourceCode));
            if (error is not null)
                return error;
            var tags = Rules.NormaliseTags(command.Tags);
            if (!tags.IsSuccess)
                return tags.Error!;
            var keyValueTags = KeyValueTagRules.Normalise(command.KeyValueTags);
            if (!keyValueTags.IsSuccess)
                return keyValueTags.Error!;
            var trainedOn = (command.TrainedOn ?? []).Distinct().ToList();
            var referenced = trainedOn.Concat((command.Metrics ?? []).Where(m => m.DatasetVersionId.HasValue).Select(m => m.DatasetVersionId!.Value)).Distinct().ToList();
            var known = await w.Db.DatasetVersions.Where(d => referenced.Contains(d.Id)).CountAsync(cancellationToken);
            if (known != referenced.Count)
                return DomainError.NotFound("A referenced dataset version", "trainedOn");

            model.LastVersionNumber++;
            model.UpdatedAt = w.Now;
            var version = new ModelVersion
            {
                ModelId = model.Id,
                Number = model.LastVersionNumber,
                Stage = ModelStage.Development,
                Description = command.Description,
                CreatedAt = w.Now,
                CreatedBy = w.Actor,
                UpdatedAt = w.Now,
                Source = command.Source,
                RunId = command.RunId,
                RunLink = command.RunLink,
                KeyValueTags = [.. keyValueTags.Value!.Select(t => new VersionKeyValueTag { Key = t.Key, Value = t.Value! })],
                Framework = command.Framework,
                HyperparametersJson = command.HyperparametersJson,
                TrainingParametersJson = command.TrainingParametersJson,
                Tags = tags.Value!,
                SourceCode = command.SourceCode,
                Metrics = (command.Metrics ?? []).Select(m => new Metric { Name = m.Name.Trim(), Value = m.Value, Split = m.Split, DatasetVersionId = m.DatasetVersionId }).ToList(),
                StageHistory = [new StageTransition { To = ModelStage.Development, At = w.Now, By = w.Actor, Reason = "Version created" }],
            };
            w.Db.ModelVersions.Add(version);
            await w.Db.SaveChangesAsync(cancellationToken);
            var edges = trainedOn.Select(datasetVersionId => new LineageEdge
            {
                SourceKind = LineageNodeKind.DatasetVersion, SourceId = datasetVersionId,
                TargetKind = LineageNodeKind.ModelVersion, TargetId = version.Id,
                Relation = LineageRelation.TrainedOn, CreatedAt = w.Now, CreatedBy = w.Actor, ValidFrom = w.Now,
            }).ToList();
            w.Db.LineageEdges.AddRange(edges);
            // The edges' keys go into the event, so that the replay can vouch for each edge row.
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.VersionCreated, nameof(ModelVersion), version.Id, model.Id,
                new VersionCreated(model.Name, version.Number, trainedOn,
                    [.. version.Metrics.Select(m => new ChainedMetric(m.Name, m.Value, m.Split, m.DatasetVersionId))],
                    version.HyperparametersJson, version.TrainingParametersJson, [.. edges.Select(ChainedEdges.Of)])
                {
                    Source = version.Source,
                    RunId = version.RunId,
                    RunLink = version.RunLink,
                    KeyValueTags = keyValueTags.Value!.Count == 0 ? null : [.. keyValueTags.Value!.Select(t => new ChainedKeyValue(t.Key, t.Value!))],
                });
            return version;
        }, cancellationToken);

    private static DomainError? CheckMetrics(IReadOnlyList<MetricDraft>? metrics)
    {
        if (metrics is null)
            return null;
        if (metrics.Count > MaxMetrics)
            return DomainError.Invalid($"At most {MaxMetrics} metrics are allowed.", "metrics");
        foreach (var metric in metrics)
        {
            if (string.IsNullOrWhiteSpace(metric.Name) || metric.Name.Length > 100)
                return DomainError.Invalid("Each metric needs a name of 1 to 100 characters.", "metrics");
            if (!double.IsFinite(metric.Value))
                return DomainError.Invalid($"Metric '{metric.Name}' must be a finite number.", "metrics");
            if (metric.Split is { Length: > 100 })
                return DomainError.Invalid("A metric split is longer than 100 characters.", "metrics");
        }
        return null;
    }

    private static DomainError? CheckSource(SourceCodeRef? source)
        => source is null
            ? null
            : Rules.First(
                Rules.CheckRequired(source.Repository, "sourceCode.repository", 2000),
                Rules.CheckRequired(source.Commit, "sourceCode.commit", 100),
                Rules.CheckOptional(source.Path, "sourceCode.path", 2000));
}
