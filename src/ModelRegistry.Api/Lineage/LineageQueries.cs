using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.History;
using ModelRegistry.Core.Lineage;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.Infrastructure.Lineage;

namespace ModelRegistry.Api.Lineage;

/// <summary>Queries of the Lineage feature.</summary>
public static class LineageQueries
{
    /// <summary>The depth used when the client names none.</summary>
    public const int DefaultDepth = 3;

    /// <summary>Adds lineage.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<LineageGraphType>("lineage")
            .Description("One round trip for a lineage picture: every node reached within `depth` hops, and the edges between them. "
                         + "Null when `asOf` is before the node existed; an ID that names nothing readable is NOT_FOUND.")
            .Argument<NonNullGraphType<IdGraphType>>("nodeId", "A ModelVersion, DatasetVersion, Deployment or ConsumerApplication.")
            .WalkArguments()
            .ResolveAsync(async c =>
            {
                var nodeId = c.GetArgument<string>("nodeId");
                if (!LineageMutations.TryDecodeNode(nodeId, "nodeId", out var kind, out var key, out var error))
                    throw new ExecutionError(error!.Message) { Code = ErrorCodes.InvalidArgument };
                return await AnswerAsync(c, new LineageNodeRef(kind, key), defaultAsOf: null);
            });

    /// <summary>Adds the arguments of a walk from a known root: direction, depth, relations and asOf.</summary>
    public static FieldBuilder<TSource, TReturn> WalkArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
        => field
            .Argument<LineageDirectionType>("direction", "UPSTREAM walks from target to source, DOWNSTREAM from source to target, BOTH does both walks.",
                a => a.DefaultValue = LineageDirection.Both)
            .Argument<IntGraphType>("depth", $"Hops to walk, 0 to {LineageWalker.MaxDepth}.", a => a.DefaultValue = DefaultDepth)
            .Argument<ListGraphType<NonNullGraphType<LineageRelationType>>>("relations", "Relations to follow; all when omitted.")
            .Argument<DateTimeGraphType>("asOf",
                "Read the graph as it stood at this time: the edges valid then, and each node in its state then (stage, aliases, "
                + "deployment status and traffic); nodes created later are absent. The live graph when omitted.");

    /// <summary>
    /// Walks from <paramref name="root"/> under the field's walk arguments; <paramref name="defaultAsOf"/> stands in for an
    /// omitted <c>asOf</c>. Null when the root did not exist at that time; NOT_FOUND when the caller cannot read it at all.
    /// </summary>
    public static async Task<LineageAnswer?> AnswerAsync(IResolveFieldContext c, LineageNodeRef root, DateTime? defaultAsOf)
    {
        var request = ReadRequest(c, root, defaultAsOf);
        var services = c.RequestServices!;
        var walk = await services.GetRequiredService<LineageWalker>().WalkAsync(request, c.CancellationToken)
            ?? throw new ExecutionError($"No {root.Kind} has the ID '{GlobalId.Encode(root.Kind.ToString(), root.Id)}'.")
            {
                Code = ErrorCodes.NotFound,
            };
        return request.AsOf is { } at
            ? await LineageAnswer.AsOfAsync(walk, at, c.Db(), services.GetRequiredService<StateHistory>(), c.CancellationToken)
            : new LineageAnswer(walk, Past: null);
    }

    private static LineageWalkRequest ReadRequest(IResolveFieldContext c, LineageNodeRef root, DateTime? defaultAsOf)
    {
        var depth = c.GetArgument("depth", DefaultDepth);
        if (depth is < 0 or > LineageWalker.MaxDepth)
            throw new ExecutionError($"'depth' must be between 0 and {LineageWalker.MaxDepth}; {depth} was asked for.")
            {
                Code = ErrorCodes.InvalidArgument,
            };
        return new LineageWalkRequest(
            root,
            c.GetArgument("direction", LineageDirection.Both),
            depth,
            c.GetArgument<List<LineageRelation>?>("relations"),
            c.GetArgument<DateTime?>("asOf") ?? defaultAsOf);
    }
}
