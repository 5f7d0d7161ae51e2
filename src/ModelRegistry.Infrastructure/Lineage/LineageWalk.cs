using ModelRegistry.Core.Lineage;

namespace ModelRegistry.Infrastructure.Lineage;

/// <summary>Which way a lineage walk follows edges from its root.</summary>
public enum LineageDirection
{
    /// <summary>From target to source: what the root was built from.</summary>
    Upstream,
    /// <summary>From source to target: what the root feeds.</summary>
    Downstream,
    /// <summary>Both walks from the root, each keeping its own direction.</summary>
    Both,
}

/// <summary>A lineage node named by kind and database key.</summary>
public readonly record struct LineageNodeRef(LineageNodeKind Kind, long Id);

/// <summary>What to walk: the root, the direction, how far, along which relations and at which time.</summary>
/// <param name="Root">Where the walk starts.</param>
/// <param name="Direction">Which way edges are followed.</param>
/// <param name="Depth">Maximum number of hops, 0 to <see cref="LineageWalker.MaxDepth"/>.</param>
/// <param name="Relations">Relations to follow; null or empty follows all of them.</param>
/// <param name="AsOf">Read the graph as it stood then (UTC); null reads the live graph.</param>
public sealed record LineageWalkRequest(
    LineageNodeRef Root, LineageDirection Direction, int Depth, IReadOnlyCollection<LineageRelation>? Relations, DateTime? AsOf);

/// <summary>The part of the lineage graph a walk reached.</summary>
/// <param name="Root">The walk's root.</param>
/// <param name="Nodes">Reached nodes including the root, nearest first.</param>
/// <param name="Edges">Edges walked whose two ends are both in <paramref name="Nodes"/>, nearest first.</param>
/// <param name="Truncated">Whether more nodes were reachable than the node cap lets through.</param>
/// <param name="HiddenNodes">Reached nodes the caller may not read: counted, never shown, and their edges left out.</param>
public sealed record LineageWalkResult(
    LineageNodeRef Root, IReadOnlyList<LineageNodeRef> Nodes, IReadOnlyList<LineageEdge> Edges, bool Truncated, int HiddenNodes = 0);
