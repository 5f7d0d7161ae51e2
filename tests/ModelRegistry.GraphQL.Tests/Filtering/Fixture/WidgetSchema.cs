using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.GraphQL.Tests.Filtering.Fixture;

/// <summary>Output type of a widget: enough to identify the rows a filter returned.</summary>
public sealed class WidgetGraphType : ObjectGraphType<Widget>
{
    /// <summary>Declares the fields.</summary>
    public WidgetGraphType()
    {
        Name = "Widget";
        Field<NonNullGraphType<LongGraphType>>("key").Resolve(ctx => ctx.Source.Id);
        Field(x => x.Name);
    }
}

/// <summary>Query root: <c>widgets(where, order)</c> runs on the SQLite file; <c>widgetOrderKeys(order)</c> echoes the keys.</summary>
public sealed class WidgetQuery : ObjectGraphType
{
    private static readonly IReadOnlyList<OrderKey> DefaultOrder = [OrderKey.By<Widget, long>(w => w.Id, descending: false, "id")];

    /// <summary>Declares the fields over <paramref name="database"/>.</summary>
    public WidgetQuery(WidgetDatabase database)
    {
        Name = "Query";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<WidgetGraphType>>>>("widgets")
            .FilterArgument(typeof(WidgetFilterInput))
            .SortArgument(typeof(WidgetSortInput))
            .ResolveAsync(async ctx =>
            {
                var keys = ctx.GetOrderKeys<Widget>(DefaultOrder).ThenByUnique<Widget, long>(w => w.Id);
                await using var db = database.CreateContext();
                return await db.Widgets.ApplyWhere(ctx).ApplyOrder(keys).ToListAsync(ctx.CancellationToken);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("widgetOrderKeys")
            .SortArgument(typeof(WidgetSortInput))
            .Resolve(ctx => ctx.GetOrderKeys<Widget>(DefaultOrder)
                .ThenByUnique<Widget, long>(w => w.Id)
                .Select(k => $"{k.Name}:{(k.Descending ? "DESC" : "ASC")}")
                .ToList());
    }
}
