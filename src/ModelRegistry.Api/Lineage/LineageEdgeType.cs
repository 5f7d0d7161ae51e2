using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Core.Versions;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Datasets;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Lineage;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Lineage;

/// <summary>The <c>LineageRelation</c> enum.</summary>
public sealed class LineageRelationType : EnumerationGraphType<LineageRelation>
{
    private static readonly Dictionary<LineageRelation, string> Meanings = new()
    {
        [LineageRelation.TrainedOn] = "DatasetVersion (source) → ModelVersion (target): the version was trained on this data.",
        [LineageRelation.ValidatedOn] = "DatasetVersion (source) → ModelVersion (target): the version was validated (tuned, early-stopped) on this data.",
        [LineageRelation.EvaluatedOn] = "DatasetVersion (source) → ModelVersion (target): the version's metrics were measured on this data.",
        [LineageRelation.FineTunedFrom] = "ModelVersion (source, the parent) → ModelVersion (target, the child): the child was fine-tuned from the parent's weights.",
        [LineageRelation.DerivedFrom] =
            "ModelVersion → ModelVersion, or DatasetVersion → DatasetVersion: the target was derived from the source (a distilled or pruned model; a cleaned, filtered or resampled dataset).",
        [LineageRelation.DeployedAs] = "ModelVersion (source) → Deployment (target): the version serves as this deployment. Written by recordDeployment.",
        [LineageRelation.ConsumedBy] =
            "Deployment (source) → ConsumerApplication (target): the application reads this deployment. Written by recordDeployment's consumers.",
    };

    /// <summary>Names the enum and says which node types each relation joins, and which way it points.</summary>
    public LineageRelationType()
    {
        Name = "LineageRelation";
        Description = "How an edge's source feeds its target. Every edge points from what was used (source) to what was made from it or uses it (target).";
        this.Describe(Meanings);
    }
}

/// <summary>The <c>LineageNode</c> union.</summary>
public sealed class LineageNodeType : UnionGraphType
{
    /// <summary>Lists the members.</summary>
    public LineageNodeType()
    {
        Name = "LineageNode";
        Type<ModelVersionType>();
        Type<DatasetVersionType>();
        Type<DeploymentType>();
        Type<ConsumerApplicationType>();
    }
}

/// <summary>The <c>LineageEdge</c> node: it always points the way data flows.</summary>
public sealed class LineageEdgeType : ObjectGraphType<LineageEdge>
{
    /// <summary>Declares the fields.</summary>
    public LineageEdgeType()
    {
        Name = "LineageEdge";
        Interface<NodeInterfaceType>();
        Description = "A directed lineage edge: source is upstream, target downstream.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.LineageEdge, c.Source.Id));
        Field<NonNullGraphType<LineageNodeType>>("source")
            .Resolve(c => c.Source is LineageEdgeAsOf past ? past.SourceNode : LoadNode(c, c.Source.SourceKind, c.Source.SourceId));
        Field<NonNullGraphType<LineageNodeType>>("target")
            .Resolve(c => c.Source is LineageEdgeAsOf past ? past.TargetNode : LoadNode(c, c.Source.TargetKind, c.Source.TargetId));
        Field<NonNullGraphType<LineageRelationType>>("relation").Resolve(c => c.Source.Relation);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field(e => e.CreatedBy);
        Field<NonNullGraphType<DateTimeGraphType>>("validFrom").Resolve(c => c.Source.ValidFrom);
        Field<DateTimeGraphType>("validTo").Description("Null while the edge is live.").Resolve(c => c.Source.ValidTo);
    }

    /// <summary>Loads a lineage node of any kind through the request's batch loaders.</summary>
    public static IDataLoaderResult LoadNode(IResolveFieldContext c, LineageNodeKind kind, long id) => kind switch
    {
        LineageNodeKind.ModelVersion => c.LoadById<ModelVersion>(id),
        LineageNodeKind.DatasetVersion => c.LoadById<DatasetVersion>(id),
        LineageNodeKind.Deployment => c.LoadById<Deployment>(id),
        _ => c.LoadById<ConsumerApplication>(id),
    };
}
