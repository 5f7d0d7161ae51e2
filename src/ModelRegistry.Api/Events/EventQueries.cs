using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Audit;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Events;

/// <summary>Queries of the Events feature.</summary>
public static class EventQueries
{
    /// <summary>Adds registryEvents.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<RegistryEventsConnectionType>("registryEvents")
            .Description("The event log in sequence order unless `order` says otherwise; the catch-up read before subscribing with `after`. "
                         + "`last` pages from the end: the newest events, still in the order asked for.")
            .AddPagingArguments()
            .FilterArgument(typeof(RegistryEventFilterInput))
            .SortArgument(typeof(RegistryEventSortInput))
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().AuditEvents.AsNoTracking(), e => e.Sequence));
}
