using GraphQL.Types;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Core.History;
using ModelRegistry.Core.Models;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Datasets;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Models;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.GraphQL.Scalars;

namespace ModelRegistry.Api.Versions;

/// <summary>The <c>ModelStage</c> enum.</summary>
public sealed class ModelStageType : EnumerationGraphType<ModelStage>
{
    /// <summary>Names the enum.</summary>
    public ModelStageType() => Name = "ModelStage";
}

/// <summary>The <c>ModelVersion</c> node.</summary>
public sealed class ModelVersionType : ObjectGraphType<ModelVersion>
{
    /// <summary>Declares the fields.</summary>
    public ModelVersionType()
    {
        Name = "ModelVersion";
        Interface<NodeInterfaceType>();
        Description = "One trained version of a model, numbered 1, 2, 3… per model.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.ModelVersion, c.Source.Id));
        Field<NonNullGraphType<ModelType>>("model")
            .Resolve(c => c.LoadById<Model>(c.Source.ModelId));
        Field(v => v.Number).Description("1, 2, 3 … per model, never reused.");
        Field<NonNullGraphType<ModelStageType>>("stage").Resolve(c => c.Source.Stage);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelStageType>>>>("nextStages")
            .Description("The stages promoteModelVersion may move this version to from its stage; empty for ARCHIVED (restoreModelVersion brings it back).")
            .Resolve(c => StageMachine.Targets(c.Source.Stage));
        Field(v => v.Description, nullable: true);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field(v => v.CreatedBy);
        Field(v => v.Framework, nullable: true);
        Field<JsonGraphType>("hyperparameters").Resolve(c => c.Source.HyperparametersJson);
        Field<JsonGraphType>("trainingParameters").Resolve(c => c.Source.TrainingParametersJson);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<MetricType>>>>("metrics")
            .Bounded(CreateModelVersion.MaxMetrics)
            .Resolve(c => c.LoadMany("version.metrics", c.Source.Id, async (db, ids, ct) =>
                (await db.Metrics.AsNoTracking().Where(m => ids.Contains(m.ModelVersionId)).OrderBy(m => m.Id).ToListAsync(ct))
                    .Select(m => (m.ModelVersionId, m)).ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Resolve(c => c.Source.Tags);
        Field<SourceCodeRefType>("sourceCode").Resolve(c => c.Source.SourceCode);
        Field<DateTimeGraphType>("updatedAt").Description("Last change to the description, stage or key/value tags.")
            .Resolve(c => c.Source.UpdatedAt == default ? c.Source.CreatedAt : c.Source.UpdatedAt);
        Field<DateTimeGraphType>("deletedAt").Description("When the version was deleted; null while it lives. Its number is never reused.")
            .Resolve(c => c.Source.DeletedAt);
        Field<StringGraphType>("deletedBy").Resolve(c => c.Source.DeletedBy);
        Field<StringGraphType>("source").Description("Where the model's files live, as registered (MLflow's source), e.g. s3://bucket/model.")
            .Resolve(c => c.Source.Source);
        Field<StringGraphType>("runId").Description("The training run that produced the version (MLflow's run_id).").Resolve(c => c.Source.RunId);
        Field<StringGraphType>("runLink").Description("A link to that run.").Resolve(c => c.Source.RunLink);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<Models.KeyValueTagType>>>>("keyValueTags")
            .Description("Key/value tags (MLflow's model-version tags), by key.")
            .Bounded(KeyValueTagRules.MaxTags)
            .Resolve(c => c.LoadMany("version.keyValueTags", c.Source.Id, async (db, ids, ct) =>
                (await db.VersionKeyValueTags.AsNoTracking().Where(t => ids.Contains(t.ModelVersionId)).OrderBy(t => t.Key).ToListAsync(ct))
                    .Select(t => (t.ModelVersionId, new KeyValueDraft(t.Key, t.Value))).ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("aliases")
            .Description("Names of the model aliases pointing at this version.")
            .Resolve(c => c.Source is ModelVersionAsOf past ? past.Aliases : c.LoadMany("version.aliases", c.Source.Id, async (db, ids, ct) =>
                (await db.ModelAliases.AsNoTracking().Where(a => ids.Contains(a.ModelVersionId)).OrderBy(a => a.Name)
                    .Select(a => new { a.ModelVersionId, a.Name }).ToListAsync(ct))
                    .Select(a => (a.ModelVersionId, a.Name)).ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StageTransitionType>>>>("stageHistory")
            .Sliced()
            .Resolve(c => c.Slice(c.LoadMany("version.stageHistory", c.Source.Id, async (db, ids, ct) =>
                (await db.StageTransitions.AsNoTracking().Where(t => ids.Contains(t.ModelVersionId)).OrderBy(t => t.Id).ToListAsync(ct))
                    .Select(t => (t.ModelVersionId, t)).ToList())));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DatasetVersionType>>>>("trainedOn")
            .Description("Dataset versions joined to this version by live TRAINED_ON edges.")
            .Sliced()
            .Resolve(c => c.Slice(c.LoadMany("version.trainedOn", c.Source.Id, async (db, ids, ct) =>
                (await (from e in db.LineageEdges
                        join d in db.DatasetVersions on e.SourceId equals d.Id
                        where e.Relation == LineageRelation.TrainedOn && e.ValidTo == null && e.TargetKind == LineageNodeKind.ModelVersion
                              && e.SourceKind == LineageNodeKind.DatasetVersion && ids.Contains(e.TargetId)
                        orderby d.Id
                        select new { e.TargetId, d }).AsNoTracking().ToListAsync(ct))
                    .Select(x => (x.TargetId, x.d)).ToList())));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeploymentType>>>>("deployments")
            .Sliced()
            .Resolve(c => c.Slice(c.LoadMany("version.deployments", c.Source.Id, async (db, ids, ct) =>
                (await db.Deployments.AsNoTracking().Where(d => ids.Contains(d.ModelVersionId)).OrderBy(d => d.Id).ToListAsync(ct))
                    .Select(d => (d.ModelVersionId, d)).ToList())));
        Artifacts.ArtifactType.AddTo(this);
        Monitoring.MonitoringFields.AddTo(this);
        History.HistoryFields.AddTo(this);
        Lineage.LineageEntryPoints.AddTo(this);
    }
}

/// <summary>The <c>Metric</c> type.</summary>
public sealed class MetricType : ObjectGraphType<Metric>
{
    /// <summary>Declares the fields.</summary>
    public MetricType()
    {
        Name = "Metric";
        Field(m => m.Name);
        Field(m => m.Value);
        Field(m => m.Split, nullable: true);
        Field<DatasetVersionType>("dataset")
            .Resolve(c => c.Source.DatasetVersionId is { } id ? c.LoadById<DatasetVersion>(id) : null);
    }
}

/// <summary>The <c>SourceCodeRef</c> type.</summary>
public sealed class SourceCodeRefType : ObjectGraphType<SourceCodeRef>
{
    /// <summary>Declares the fields.</summary>
    public SourceCodeRefType()
    {
        Name = "SourceCodeRef";
        Field(s => s.Repository);
        Field(s => s.Commit);
        Field(s => s.Path, nullable: true);
    }
}

/// <summary>The <c>StageTransition</c> type.</summary>
public sealed class StageTransitionType : ObjectGraphType<StageTransition>
{
    /// <summary>Declares the fields.</summary>
    public StageTransitionType()
    {
        Name = "StageTransition";
        Field<ModelStageType>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<ModelStageType>>("to").Resolve(c => c.Source.To);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(c => c.Source.At);
        Field(t => t.By);
        Field(t => t.Reason, nullable: true);
    }
}
