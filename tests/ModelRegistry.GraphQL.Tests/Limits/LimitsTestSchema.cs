using GraphQL;
using GraphQL.Types;
using ModelRegistry.GraphQL.Limits;

namespace ModelRegistry.GraphQL.Tests.Limits;

/// <summary>A tree node of the limits test schema; every node has three children, forever.</summary>
public sealed record TreeNode(string Id);

/// <summary>A schema small enough to reason about costs: a self-nesting connection, a slow field and a mutation.</summary>
public sealed class LimitsTestSchema : Schema
{
    /// <summary>Creates the schema.</summary>
    public LimitsTestSchema(IServiceProvider services) : base(services)
    {
        Query = new LimitsQuery();
        Mutation = new LimitsMutation();
    }
}

/// <summary>The query root.</summary>
public sealed class LimitsQuery : ObjectGraphType
{
    /// <summary>Creates the fields.</summary>
    public LimitsQuery()
    {
        Name = "Query";
        Field<NonNullGraphType<StringGraphType>>("hello").Resolve(_ => "world");
        Field<NonNullGraphType<TreeNodeType>>("root").Resolve(_ => new TreeNode("r"));
        Field<NonNullGraphType<TreeConnectionType>>("nodes")
            .Argument<IntGraphType>("first")
            .Argument<IntGraphType>("last")
            .Resolve(context => TreeConnectionType.Page(new TreeNode("r"), context));
        // Test-only: waits far longer than any test's timeout, but stops as soon as the operation is cancelled.
        Field<StringGraphType>("slow").ResolveAsync(async context =>
        {
            await Task.Delay(TimeSpan.FromMinutes(1), context.CancellationToken);
            return "done";
        });
    }
}

/// <summary>The mutation root.</summary>
public sealed class LimitsMutation : ObjectGraphType
{
    /// <summary>Creates the fields.</summary>
    public LimitsMutation()
    {
        Name = "Mutation";
        Field<NonNullGraphType<StringGraphType>>("echo")
            .Argument<NonNullGraphType<StringGraphType>>("text")
            .Resolve(context => context.GetArgument<string>("text"));
    }
}

/// <summary>The <c>TreeNode</c> type: an id, a parent and a connection of children.</summary>
public sealed class TreeNodeType : ObjectGraphType<TreeNode>
{
    /// <summary>Creates the fields.</summary>
    public TreeNodeType()
    {
        Name = "TreeNode";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(context => context.Source.Id);
        Field<NonNullGraphType<TreeNodeType>>("self").Resolve(context => context.Source);
        // Twelve siblings, sliced by `first` (10 by default, at most 100), as the registry's relation lists are.
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TreeNodeType>>>>("siblings")
            .Sliced()
            .Resolve(context => context.Slice(Enumerable.Range(1, 12).Select(i => new TreeNode($"{context.Source.Id}~{i}"))));
        Field<NonNullGraphType<TreeConnectionType>>("children")
            .Argument<IntGraphType>("first")
            .Argument<IntGraphType>("last")
            .Resolve(context => TreeConnectionType.Page(context.Source, context));
    }
}

/// <summary>A Relay-shaped connection of tree nodes (<c>edges { node }</c> and <c>nodes</c>).</summary>
public sealed class TreeConnectionType : ObjectGraphType<IReadOnlyList<TreeNode>>
{
    /// <summary>Creates the fields.</summary>
    public TreeConnectionType()
    {
        Name = "TreeConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TreeEdgeType>>>>("edges").Resolve(context => context.Source);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TreeNodeType>>>>("nodes").Resolve(context => context.Source);
    }

    /// <summary>The children of <paramref name="parent"/>, at most <c>first</c> (or <c>last</c>) of its three.</summary>
    public static IReadOnlyList<TreeNode> Page(TreeNode parent, IResolveFieldContext context)
    {
        var size = context.GetArgument<int?>("first") ?? context.GetArgument<int?>("last") ?? 3;
        return Enumerable.Range(1, Math.Clamp(size, 0, 3)).Select(i => new TreeNode($"{parent.Id}.{i}")).ToList();
    }
}

/// <summary>An edge of <see cref="TreeConnectionType"/>.</summary>
public sealed class TreeEdgeType : ObjectGraphType<TreeNode>
{
    /// <summary>Creates the fields.</summary>
    public TreeEdgeType()
    {
        Name = "TreeEdge";
        Field<NonNullGraphType<TreeNodeType>>("node").Resolve(context => context.Source);
    }
}
