using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.Cli.Output;
using ModelRegistry.Cli.Registry;
using Spectre.Console;

namespace ModelRegistry.Cli.Commands;

/// <summary><c>modelreg lineage NAME VERSION [--direction] [--depth]</c>: the version's lineage graph as a terminal tree.</summary>
public static class LineageCommand
{
    /// <summary>The walk directions the registry understands.</summary>
    public static readonly string[] Directions = ["UPSTREAM", "DOWNSTREAM", "BOTH"];

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandBinder binder)
    {
        var version = new VersionArguments();
        var direction = new Option<string>("--direction") { Description = "UPSTREAM, DOWNSTREAM or BOTH", DefaultValueFactory = _ => "BOTH" }
            .OneOf(Directions);
        var depth = new Option<int>("--depth") { Description = "Hops to walk, 0 to 10", DefaultValueFactory = _ => 3 }.Between(0, 10);
        var command = version.AddTo(new Command("lineage", "Draw a model version's lineage as a tree") { direction, depth });
        return binder.Bind(command, async (session, ct) =>
        {
            var walk = session.Parse.GetValue(direction)!.ToUpperInvariant();
            var found = await version.FindAsync(session, Documents.Version, ct);
            var variables = new JsonObject
            {
                ["nodeId"] = found.GetProperty("id").GetString(),
                ["direction"] = walk,
                ["depth"] = session.Parse.GetValue(depth),
            };
            var data = await session.GraphQL.ExecuteAsync(Documents.Lineage, variables, ct);
            var graph = LineageGraph.From(data.GetProperty("lineage"));
            if (session.Json)
            {
                session.WriteJson(new
                {
                    root = graph.RootId,
                    direction = walk,
                    nodes = graph.Nodes.Values.Select(n => new { id = n.Id, type = n.Type, label = n.Label }),
                    edges = graph.Edges.Select(e => new { source = e.Source, target = e.Target, relation = e.Relation }),
                    hiddenNodes = graph.HiddenNodes,
                    truncated = graph.Truncated,
                });
                return;
            }
            session.Console.Write(graph.ToTree(walk));
            if (graph.HiddenNodes > 0)
                session.Console.MarkupLineInterpolated($"[dim]{graph.HiddenNodes} node(s) you may not read were left out.[/]");
            if (graph.Truncated)
                session.Console.MarkupLine("[dim]The graph was truncated; the nearest nodes are shown.[/]");
        });
    }

    /// <summary>Reads a node of the lineage union into the <see cref="LineageGraph"/> form.</summary>
    internal static LineageGraph.Node ReadNode(JsonElement node)
    {
        var id = node.GetProperty("id").GetString()!;
        var type = node.GetProperty("__typename").GetString()!;
        var label = type switch
        {
            "ModelVersion" => $"{node.GetProperty("model").GetProperty("name").GetString()} v{node.GetProperty("number").GetInt32()} ({node.GetProperty("stage").GetString()})",
            "DatasetVersion" => $"dataset {node.GetProperty("dataset").GetProperty("name").GetString()}@{node.GetProperty("version").GetString()}",
            "Deployment" => $"deployment {node.GetProperty("environment").GetString()} ({node.GetProperty("status").GetString()})",
            "ConsumerApplication" => $"application {node.GetProperty("name").GetString()}",
            _ => type,
        };
        return new LineageGraph.Node(id, type, label);
    }
}
