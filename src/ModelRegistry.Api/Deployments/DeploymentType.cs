using GraphQL.Types;
using ModelRegistry.Core.Versions;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Lineage;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Deployments;

/// <summary>The <c>DeploymentStatus</c> enum.</summary>
public sealed class DeploymentStatusType : EnumerationGraphType<DeploymentStatus>
{
    /// <summary>Names the enum.</summary>
    public DeploymentStatusType() => Name = "DeploymentStatus";
}

/// <summary>The <c>Deployment</c> node.</summary>
public sealed class DeploymentType : ObjectGraphType<Deployment>
{
    /// <summary>Declares the fields.</summary>
    public DeploymentType()
    {
        Name = "Deployment";
        Interface<NodeInterfaceType>();
        Description = "A model version serving in an environment.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.Deployment, c.Source.Id));
        Field<NonNullGraphType<ModelVersionType>>("modelVersion")
            .Resolve(c => c.LoadById<ModelVersion>(c.Source.ModelVersionId));
        Field(d => d.Environment).Description("E.g. development, staging, production.");
        Field(d => d.Endpoint, nullable: true);
        Field(d => d.Platform, nullable: true).Description("E.g. kserve, sagemaker, azureml.");
        Field<NonNullGraphType<DeploymentStatusType>>("status").Resolve(c => c.Source.Status);
        Field(d => d.TrafficPercent, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConsumerApplicationType>>>>("consumers")
            .Description("Applications joined by live CONSUMED_BY edges.")
            .Sliced()
            .Resolve(c => c.Slice(c.LoadMany("deployment.consumers", c.Source.Id, async (db, ids, ct) =>
                (await (from e in db.LineageEdges
                        join a in db.ConsumerApplications on e.TargetId equals a.Id
                        where e.Relation == LineageRelation.ConsumedBy && e.ValidTo == null && ids.Contains(e.SourceId)
                              && e.SourceKind == LineageNodeKind.Deployment && e.TargetKind == LineageNodeKind.ConsumerApplication
                        orderby a.Name
                        select new { e.SourceId, a }).AsNoTracking().ToListAsync(ct))
                    .Select(x => (x.SourceId, x.a)).ToList())));
        Field<NonNullGraphType<DateTimeGraphType>>("deployedAt").Resolve(c => c.Source.DeployedAt);
        Field(d => d.DeployedBy);
        Field<DateTimeGraphType>("retiredAt").Resolve(c => c.Source.RetiredAt);
        Field<NonNullGraphType<BooleanGraphType>>("compliant")
            .Description("False once a demotion, archiving or policy change left the version short of the environment's deployment policy.")
            .Resolve(c => c.Source.ComplianceIssue is null);
        Field(d => d.ComplianceIssue, nullable: true).Description("Why the deployment is non-compliant, naming the rule; null while compliant.");
        Field<DateTimeGraphType>("nonCompliantSince").Resolve(c => c.Source.NonCompliantSince);
        Monitoring.MonitoringFields.AddTo(this);
        History.HistoryFields.AddTo(this);
    }
}

/// <summary>The <c>ConsumerApplication</c> node.</summary>
public sealed class ConsumerApplicationType : ObjectGraphType<ConsumerApplication>
{
    /// <summary>Declares the fields.</summary>
    public ConsumerApplicationType()
    {
        Name = "ConsumerApplication";
        Interface<NodeInterfaceType>();
        Description = "An application that reads predictions from deployments.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.ConsumerApplication, c.Source.Id));
        Field(a => a.Name);
        Field(a => a.Owner, nullable: true);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DeploymentType>>>>("deployments")
            .Sliced()
            .Resolve(c =>
            {
                // The slice is taken in SQL, per consumer, so a consumer reading hundreds of deployments reads only `first` of them.
                var first = c.SliceSize();
                return c.LoadMany($"consumer.deployments:{first}", c.Source.Id, (db, ids, ct) =>
                    SqlSlices.TopPerKeyAsync(ids, first, id =>
                        from e in db.LineageEdges
                        join d in db.Deployments on e.SourceId equals d.Id
                        where e.TargetId == id && e.Relation == LineageRelation.ConsumedBy && e.ValidTo == null
                              && e.SourceKind == LineageNodeKind.Deployment && e.TargetKind == LineageNodeKind.ConsumerApplication
                        orderby d.Id
                        select new SqlSlices.Row<Deployment> { Key = id, Value = d }, first, ct));
            });
    }
}
