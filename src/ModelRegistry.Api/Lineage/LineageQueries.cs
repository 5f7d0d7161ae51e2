using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Core.Lineage;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.Infrastructure.Lineage;

namespace ModelRegistry.Api.Lineage;

/// <summary>Queries of the Lineage feature.</summary>
public static class LineageQueries
{
    /// <summary>The depth used when the client names none.</summary>
    public const int DefaultDepth = 3;

    /// <summary>Adds lineage.</summary>
    public static void AddTo(ObjectGraphType query)
        => query.Field<NonNullGraphType<LineageGraphType>>("lineage")
            .Description("One round trip for a lineage picture: every node reached within `depth` hops, and the edges between them.")
            .Argument<NonNullGraphType<IdGraphType>>("nodeId", "A ModelVersion, DatasetVersion, Deployment or ConsumerApplication.")
            .Argument<LineageDirectionType>("direction", "UPSTREAM walks from target to source, DOWNSTREAM from source to target, BOTH does both walks.",
                a => a.DefaultValue = LineageDirection.Both)
            .Argument<IntGraphType>("depth", $"Hops to walk, 0 to {LineageWalker.MaxDepth}.", a => a.DefaultValue = DefaultDepth)
            .Argument<ListGraphType<NonNullGraphType<LineageRelationType>>>("relations", "Relations to follow; all when omitted.")
            .Argument<DateTimeGraphType>("asOf", "Read the graph as it stood at this time; the live graph when omitted.")
            .ResolveAsync(async c =>
            {
                var request = ReadRequest(c);
                var result = await c.RequestServices!.GetRequiredService<LineageWalker>().WalkAsync(request, c.CancellationToken);
                return result ?? throw new ExecutionError($"No {request.Root.Kind} has the ID '{c.GetArgument<string>("nodeId")}'.")
                {
                    Code = ErrorCodes.NotFound,
                };
            });

    private static LineageWalkRequest ReadRequest(IResolveFieldContext c)
    {
        var nodeId = c.GetArgument<string>("nodeId");
        if (!LineageMutations.TryDecodeNode(nodeId, "nodeId", out var kind, out var key, out var error))
            throw new ExecutionError(error!.Message) { Code = ErrorCodes.InvalidArgument };
        var depth = c.GetArgument("depth", DefaultDepth);
        if (depth is < 0 or > LineageWalker.MaxDepth)
            throw new ExecutionError($"'depth' must be between 0 and {LineageWalker.MaxDepth}; {depth} was asked for.")
            {
                Code = ErrorCodes.InvalidArgument,
            };
        return new LineageWalkRequest(
            new LineageNodeRef(kind, key),
            c.GetArgument("direction", LineageDirection.Both),
            depth,
            c.GetArgument<List<LineageRelation>?>("relations"),
            c.GetArgument<DateTime?>("asOf"));
    }
}
