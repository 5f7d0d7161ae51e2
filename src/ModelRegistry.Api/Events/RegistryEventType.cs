using GraphQL.DataLoader;
using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Models;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Datasets;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Promotions;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Webhooks;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.GraphQL.Scalars;

namespace ModelRegistry.Api.Events;

/// <summary>The <c>RegistryEvent</c> type: one entry of the audit and event log.</summary>
public sealed class RegistryEventType : ObjectGraphType<AuditEvent>
{
    /// <summary>Declares the fields.</summary>
    public RegistryEventType()
    {
        Name = "RegistryEvent";
        Description = "One entry of the registry's event log, which is also its tamper-evident audit trail.";
        Field<NonNullGraphType<LongGraphType>>("sequence")
            .Description("Strictly increasing and gap-free; the resume point for subscriptions.")
            .Resolve(c => c.Source.Sequence);
        Field(e => e.Type).Description("E.g. MODEL_REGISTERED, VERSION_CREATED, STAGE_CHANGED, ALIAS_SET, DEPLOYMENT_RECORDED.");
        Field<NonNullGraphType<DateTimeGraphType>>("occurredAt").Resolve(c => c.Source.OccurredAt);
        Field(e => e.Actor);
        Field(e => e.Reason, nullable: true);
        Field<NodeInterfaceType>("subject").Resolve(c => Subject(c.Source, c));
        Field<ModelType>("model").Resolve(c => c.Source.ModelId is { } id ? c.LoadById<Model>(id) : null);
        Field<JsonGraphType>("payload")
            .Description("The event's details; every key in it is a global ID, as `node(id:)` takes.")
            .Resolve(c => EventPayload.ForClients(c.Source.PayloadJson));
        Field(e => e.Hash).Description("SHA-256 over the previous hash and this event's canonical form.");
        Field(e => e.PreviousHash);
    }

    private static IDataLoaderResult? Subject(AuditEvent e, global::GraphQL.IResolveFieldContext c) => e.SubjectType switch
    {
        NodeTypes.Model => c.LoadById<Model>(e.SubjectId),
        NodeTypes.ModelVersion => c.LoadById<ModelVersion>(e.SubjectId),
        NodeTypes.Dataset => c.LoadById<Dataset>(e.SubjectId),
        NodeTypes.DatasetVersion => c.LoadById<DatasetVersion>(e.SubjectId),
        NodeTypes.Deployment => c.LoadById<Deployment>(e.SubjectId),
        NodeTypes.ConsumerApplication => c.LoadById<ConsumerApplication>(e.SubjectId),
        NodeTypes.LineageEdge => c.LoadById<LineageEdge>(e.SubjectId),
        NodeTypes.PromotionRequest => c.LoadById<PromotionRequest>(e.SubjectId),
        NodeTypes.Webhook => c.LoadById<Webhook>(e.SubjectId),
        NodeTypes.DriftAlert => c.LoadById<Core.Monitoring.DriftAlert>(e.SubjectId),
        _ => null,
    };
}
