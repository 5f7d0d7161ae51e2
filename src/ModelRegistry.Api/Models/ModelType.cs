using GraphQL;
using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.History;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;
using ModelRegistry.Core.Models;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Models;

/// <summary>The <c>ModelTask</c> enum.</summary>
public sealed class ModelTaskType : EnumerationGraphType<ModelTask>
{
    /// <summary>Names the enum.</summary>
    public ModelTaskType() => Name = "ModelTask";
}

/// <summary>The <c>Model</c> node.</summary>
public sealed class ModelType : ObjectGraphType<Model>
{
    /// <summary>Declares the fields.</summary>
    public ModelType()
    {
        Name = "Model";
        Interface<NodeInterfaceType>();
        Description = "A registered model: a named line of versions owned by a team.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.Model, c.Source.Id));
        Field(m => m.Name).Description("Unique, URL-safe: lower case, digits, '-', '_', '.'.");
        Field(m => m.DisplayName, nullable: true);
        Field(m => m.Description, nullable: true);
        Field<NonNullGraphType<ModelTaskType>>("task").Resolve(c => c.Source.Task);
        Field(m => m.Owner).Description("The owning team.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags").Resolve(c => c.Source.Tags);
        Field(m => m.BusinessContext, nullable: true);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field(m => m.CreatedBy);
        Field<NonNullGraphType<DateTimeGraphType>>("updatedAt")
            .Description("Last change to the card, its key/value tags, or its versions' life (created, moved, deleted).")
            .Resolve(c => c.Source.UpdatedAt);
        Field<DateTimeGraphType>("deletedAt").Description("When the model was deleted; null while it lives. Deleted models are kept.")
            .Resolve(c => c.Source.DeletedAt);
        Field<StringGraphType>("deletedBy").Resolve(c => c.Source.DeletedBy);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<KeyValueTagType>>>>("keyValueTags")
            .Description("Key/value tags (MLflow's registered-model tags), by key.")
            .Bounded(KeyValueTagRules.MaxTags)
            .Resolve(c => c.LoadMany("model.keyValueTags", c.Source.Id, async (db, ids, ct) =>
                (await db.ModelKeyValueTags.AsNoTracking().Where(t => ids.Contains(t.ModelId)).OrderBy(t => t.Key).ToListAsync(ct))
                    .Select(t => (t.ModelId, new KeyValueDraft(t.Key, t.Value))).ToList()));
        Field<ModelVersionsConnectionType>("versions")
            .Description("The model's versions, by number unless `order` says otherwise.")
            .AddPagingArguments()
            .FilterArgument(typeof(ModelVersionFilterInput))
            .SortArgument(typeof(ModelVersionSortInput))
            .Resolve(c => c.PageFilteredForParent("model.versions", c.Source.Id, db => db.ModelVersions.AsNoTracking(), v => v.ModelId,
                v => v.Id, OrderKey.By<ModelVersion, int>(v => v.Number, false, "number")));
        Field<ModelVersionType>("version")
            .Argument<NonNullGraphType<IntGraphType>>("number")
            .ResolveAsync(async c =>
            {
                var number = c.GetArgument<int>("number");
                return await c.Db().ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == c.Source.Id && v.Number == number, c.CancellationToken);
            });
        Field<ModelVersionType>("latestVersion")
            .Description("The version with the highest number.")
            .Resolve(c => c.LoadOne("model.latestVersion", c.Source.Id, async (db, ids, ct) =>
                await (from v in db.ModelVersions.AsNoTracking()
                       join m in db.Models on v.ModelId equals m.Id
                       where ids.Contains(m.Id) && v.Number == m.LastVersionNumber
                       select v).ToDictionaryAsync(v => v.ModelId, ct)));
        Field<DeploymentsConnectionType>("deployments")
            .Description("Deployments of any of the model's versions.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(DeploymentFilterInput))
            .Resolve(c => c.PageFilteredForParent("model.deployments", c.Source.Id, db => db.Deployments.AsNoTracking(),
                d => d.ModelVersion!.ModelId, d => d.Id));
        Field<NonNullGraphType<Governance.DeploymentPolicyType>>("deploymentPolicy")
            .Description("The deployment policy in force for this model in an environment: model rule, else team, else global, else built-in.")
            .Argument<NonNullGraphType<StringGraphType>>("environment")
            .ResolveAsync(async c => await DeploymentPolicy.ForAsync(c.Db(), c.Source, c.GetArgument<string>("environment"), c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ModelAliasType>>>>("aliases")
            .Sliced(defaultSize: ListBounds.MaxSlice)
            .Resolve(c => c.Slice(c.LoadMany("model.aliases", c.Source.Id, async (db, ids, ct) =>
                (await db.ModelAliases.AsNoTracking().Where(a => ids.Contains(a.ModelId)).OrderBy(a => a.Name).ToListAsync(ct))
                    .Select(a => (a.ModelId, a)).ToList())));
        Field<NonNullGraphType<ModelPermissionsType>>("viewerCan")
            .Description("What the caller's grants allow on this model, for showing only the controls it may use.")
            .Resolve(c => c.Source);
        History.HistoryFields.AddTo(this);
    }
}

/// <summary>The <c>ModelAlias</c> type.</summary>
public sealed class ModelAliasType : ObjectGraphType<ModelAlias>
{
    /// <summary>Declares the fields.</summary>
    public ModelAliasType()
    {
        Name = "ModelAlias";
        Field(a => a.Name);
        Field<NonNullGraphType<ModelVersionType>>("version")
            .Resolve(c => c.Source is ModelAliasAsOf past
                ? History.HistoryFields.VersionAsOf(c, past.ModelVersionId, past.AsOf)
                : c.LoadById<ModelVersion>(c.Source.ModelVersionId));
        Field<NonNullGraphType<DateTimeGraphType>>("assignedAt").Resolve(c => c.Source.AssignedAt);
        Field(a => a.AssignedBy);
        Lineage.LineageEntryPoints.AddTo(this);
    }
}
