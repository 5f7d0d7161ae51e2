using ModelRegistry.Core.Audit;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Events;

/// <summary><c>RegistryEventSortInput</c>: the log reads oldest first or, with <c>{ sequence: DESC }</c>, newest first.</summary>
/// <remarks>Only the sequence: it is the log's one total order, and occurredAt never runs against it.</remarks>
public sealed class RegistryEventSortInput : SortInputType<AuditEvent>
{
    /// <summary>Declares the sortable fields.</summary>
    public RegistryEventSortInput()
    {
        Name = "RegistryEventSortInput";
        Sort(e => e.Sequence);
    }
}
