using GraphQL.DataLoader;
using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.Infrastructure.Lineage;

namespace ModelRegistry.Api.Lineage;

/// <summary>The <c>LineageDirection</c> enum.</summary>
public sealed class LineageDirectionType : EnumerationGraphType<LineageDirection>
{
    private static readonly Dictionary<LineageDirection, string> Meanings = new()
    {
        [LineageDirection.Upstream] =
            "Provenance: follow each edge from its target back to its source, to what the root was built from (parent versions, training data and the data it was derived from).",
        [LineageDirection.Downstream] =
            "Impact: follow each edge from its source to its target, to what the root feeds (derived data, versions trained or fine-tuned on it, their deployments and consumers).",
        [LineageDirection.Both] =
            "The UPSTREAM and the DOWNSTREAM walk from the root, each keeping its direction, so neither turns back into sibling branches.",
    };

    /// <summary>Names the enum and says which way each value walks.</summary>
    public LineageDirectionType()
    {
        Name = "LineageDirection";
        Description = "Which way a lineage walk follows edges from its root; every edge points from source to target.";
        this.Describe(Meanings);
    }
}

/// <summary>The <c>LineageGraph</c> type: the nodes a walk reached and the edges it crossed between them.</summary>
public sealed class LineageGraphType : ObjectGraphType<LineageAnswer>
{
    /// <summary>Declares the fields.</summary>
    public LineageGraphType()
    {
        Name = "LineageGraph";
        Description = "Every node reached within the requested depth, and the edges walked between them.";
        Field<NonNullGraphType<LineageNodeType>>("root")
            .Resolve(c => c.Source.Past?[c.Source.Walk.Root] ?? LineageEdgeType.LoadNode(c, c.Source.Walk.Root.Kind, c.Source.Walk.Root.Id));
        // Nodes and edge ends share the request's batch loaders, so each node kind is read in one query.
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageNodeType>>>>("nodes")
            .Description("Reached nodes, the root first, then by distance from it.")
            .Bounded(LineageWalker.NodeCap)
            .Resolve(c => c.Source.Past is { } past
                ? (object)c.Source.Walk.Nodes.Select(n => past[n]).ToList()
                : new LoadedNodes(c.Source.Walk.Nodes.Select(n => LineageEdgeType.LoadNode(c, n.Kind, n.Id)).ToList()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LineageEdgeType>>>>("edges")
            .Description("Edges walked, each pointing the way data flows, nearest first.")
            .Bounded(LineageWalker.EdgeCap)
            .Resolve(c => c.Source.Walk.Edges);
        Field<NonNullGraphType<IntGraphType>>("hiddenNodes")
            .Description("Reached nodes the caller may not read; they and their edges are left out of the picture.")
            .Resolve(c => c.Source.Walk.HiddenNodes);
        Field<NonNullGraphType<BooleanGraphType>>("truncated")
            .Description("True when more nodes (over 500) or edges (over 2,000) were reachable than one lineage answer holds; the nearest were kept.")
            .Resolve(c => c.Source.Walk.Truncated);
    }

    // One pending result for a list of pending nodes; every key is queued before the first batch runs.
    private sealed class LoadedNodes(IReadOnlyList<IDataLoaderResult> nodes) : IDataLoaderResult<IReadOnlyList<object>>
    {
        public async Task<IReadOnlyList<object>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var loaded = new List<object>(nodes.Count);
            foreach (var node in nodes)
            {
                // An edge row inserted by hand may name a node that does not exist; the list skips it.
                if (await node.GetResultAsync(cancellationToken) is { } value)
                    loaded.Add(value);
            }
            return loaded;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
            => await GetResultAsync(cancellationToken);
    }
}
