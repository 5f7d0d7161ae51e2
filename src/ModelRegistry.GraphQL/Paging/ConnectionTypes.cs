using GraphQL.Resolvers;
using GraphQL.Types;

namespace ModelRegistry.GraphQL.Paging;

/// <summary>
/// A Hot Chocolate-shaped connection type named after its field: <c>{Name}Connection { edges: [{Name}Edge!], nodes, pageInfo, totalCount }</c>.
/// Derive one per field, e.g. <c>sealed class ModelsConnectionType() : ConnectionType&lt;ModelType&gt;("Models")</c>.
/// </summary>
public abstract class ConnectionType<TNodeType> : ObjectGraphType<IConnection> where TNodeType : IGraphType
{
    /// <summary>Creates <c>{name}Connection</c> and its edge type <c>{name}Edge</c>.</summary>
    protected ConnectionType(string name)
    {
        Name = name + "Connection";
        Description = "A connection to a list of items.";
        var edge = new EdgeType<TNodeType>(name + "Edge");
        AddField(new FieldType
        {
            Name = "edges",
            Description = "A list of edges.",
            ResolvedType = new ListGraphType(new NonNullGraphType(edge)),
            Resolver = new FuncFieldResolver<IConnection, object>(context => context.Source.Edges),
        });
        Field<ListGraphType<NonNullGraphType<TNodeType>>>("nodes")
            .Description("A flattened list of the nodes.")
            .Resolve(context => context.Source.Nodes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo")
            .Description("Information to aid in pagination.")
            .Resolve(context => context.Source.PageInfo);
        Field<NonNullGraphType<IntGraphType>>("totalCount")
            .Description("Identifies the total count of items in the connection.")
            .ResolveAsync(async context => await context.Source.GetTotalCountAsync(context.CancellationToken));
    }
}

/// <summary>An edge type <c>{Name}Edge { cursor: String!, node: T! }</c>, created by its <see cref="ConnectionType{TNodeType}"/>.</summary>
public sealed class EdgeType<TNodeType> : ObjectGraphType<IEdge> where TNodeType : IGraphType
{
    /// <summary>Creates the edge type with its full name.</summary>
    public EdgeType(string name)
    {
        Name = name;
        Description = "An edge in a connection.";
        Field<NonNullGraphType<StringGraphType>>("cursor")
            .Description("A cursor for use in pagination.")
            .Resolve(context => context.Source.Cursor);
        Field<NonNullGraphType<TNodeType>>("node")
            .Description("The item at the end of the edge.")
            .Resolve(context => context.Source.Node);
    }
}

/// <summary>The Relay <c>PageInfo</c> type.</summary>
public sealed class PageInfoType : ObjectGraphType<PageInfo>
{
    /// <summary>Creates the type.</summary>
    public PageInfoType()
    {
        Name = "PageInfo";
        Description = "Information about pagination in a connection.";
        Field<NonNullGraphType<BooleanGraphType>>("hasNextPage")
            .Description("Indicates whether more edges exist following the set defined by the clients arguments.")
            .Resolve(context => context.Source.HasNextPage);
        Field<NonNullGraphType<BooleanGraphType>>("hasPreviousPage")
            .Description("Indicates whether more edges exist prior the set defined by the clients arguments.")
            .Resolve(context => context.Source.HasPreviousPage);
        Field<StringGraphType>("startCursor")
            .Description("When paginating backwards, the cursor to continue.")
            .Resolve(context => context.Source.StartCursor);
        Field<StringGraphType>("endCursor")
            .Description("When paginating forwards, the cursor to continue.")
            .Resolve(context => context.Source.EndCursor);
    }
}
