using System.Text.Json;
using ModelRegistry.Cli.Commands;
using Spectre.Console;

namespace ModelRegistry.Cli.Output;

/// <summary>
/// A lineage answer as nodes and edges, drawn as a tree from the root: upstream children are the sources that fed a node,
/// downstream children the targets it fed. A node reached twice is drawn once and referred to after that.
/// </summary>
public sealed class LineageGraph
{
    /// <summary>A reached node and how it is labelled.</summary>
    public sealed record Node(string Id, string Type, string Label);

    /// <summary>An edge, pointing the way data flows.</summary>
    public sealed record Edge(string Source, string Target, string Relation);

    /// <summary>The node the walk started from.</summary>
    public required string RootId { get; init; }

    /// <summary>Reached nodes by ID, root first.</summary>
    public required IReadOnlyDictionary<string, Node> Nodes { get; init; }

    /// <summary>Walked edges, nearest first.</summary>
    public required IReadOnlyList<Edge> Edges { get; init; }

    /// <summary>Nodes the caller may not read.</summary>
    public int HiddenNodes { get; init; }

    /// <summary>Whether the registry cut the answer short.</summary>
    public bool Truncated { get; init; }

    /// <summary>Reads the <c>lineage</c> field of a GraphQL answer.</summary>
    public static LineageGraph From(JsonElement lineage)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var root = LineageCommand.ReadNode(lineage.GetProperty("root"));
        nodes[root.Id] = root;
        foreach (var element in lineage.GetProperty("nodes").EnumerateArray())
            nodes.TryAdd(element.GetProperty("id").GetString()!, LineageCommand.ReadNode(element));
        var edges = new List<Edge>();
        foreach (var element in lineage.GetProperty("edges").EnumerateArray())
        {
            var source = LineageCommand.ReadNode(element.GetProperty("source"));
            var target = LineageCommand.ReadNode(element.GetProperty("target"));
            nodes.TryAdd(source.Id, source);
            nodes.TryAdd(target.Id, target);
            edges.Add(new Edge(source.Id, target.Id, element.GetProperty("relation").GetString()!));
        }
        return new LineageGraph
        {
            RootId = root.Id, Nodes = nodes, Edges = edges,
            HiddenNodes = lineage.GetProperty("hiddenNodes").GetInt32(), Truncated = lineage.GetProperty("truncated").GetBoolean(),
        };
    }

    /// <summary>The tree for a walk in <paramref name="direction"/> (UPSTREAM, DOWNSTREAM or BOTH).</summary>
    public Tree ToTree(string direction)
    {
        var tree = new Tree(new Markup($"[bold]{Markup.Escape(Nodes[RootId].Label)}[/]"));
        var drawn = new HashSet<string>(StringComparer.Ordinal) { RootId };
        if (direction != "DOWNSTREAM")
            Grow(direction == "BOTH" ? tree.AddNode("[dim]upstream[/]") : tree, RootId, upstream: true, drawn);
        if (direction != "UPSTREAM")
            Grow(direction == "BOTH" ? tree.AddNode("[dim]downstream[/]") : tree, RootId, upstream: false, drawn);
        return tree;
    }

    private void Grow(IHasTreeNodes parent, string nodeId, bool upstream, HashSet<string> drawn)
    {
        foreach (var edge in Edges.Where(e => (upstream ? e.Target : e.Source) == nodeId))
        {
            var child = upstream ? edge.Source : edge.Target;
            var label = $"[grey]{Markup.Escape(edge.Relation)}[/] {Markup.Escape(Nodes[child].Label)}";
            if (!drawn.Add(child))
            {
                parent.AddNode(label + " [dim](shown above)[/]");
                continue;
            }
            Grow(parent.AddNode(label), child, upstream, drawn);
        }
    }
}
