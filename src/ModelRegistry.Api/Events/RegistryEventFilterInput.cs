using ModelRegistry.Api.Common;
using ModelRegistry.Core.Audit;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Events;

/// <summary><c>RegistryEventFilterInput</c>: filter the log by sequence, type, model, actor, subject and time.</summary>
public sealed class RegistryEventFilterInput : FilterInputType<AuditEvent>
{
    /// <summary>Declares the fields.</summary>
    public RegistryEventFilterInput()
    {
        Name = "RegistryEventFilterInput";
        Filter(e => e.Sequence);
        Filter(e => e.Type);
        Id(e => e.ModelId, NodeTypes.Model, "modelId");
        Filter(e => e.Actor);
        Filter(e => e.SubjectType);
        Filter(e => e.OccurredAt);
    }
}

/// <summary><c>RegistryEventsConnection</c> / <c>RegistryEventsEdge</c>.</summary>
public sealed class RegistryEventsConnectionType() : ConnectionType<RegistryEventType>("RegistryEvents");
