using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.Cli.Registry;
using Spectre.Console;

namespace ModelRegistry.Cli.Commands;

/// <summary><c>modelreg models list</c> and <c>modelreg models show NAME</c>.</summary>
public static class ModelsCommand
{
    /// <summary>Builds the command group.</summary>
    public static Command Create(CommandBinder binder)
    {
        var models = new Command("models", "List registered models or show one");
        models.Subcommands.Add(List(binder));
        models.Subcommands.Add(Show(binder));
        return models;
    }

    private static Command List(CommandBinder binder)
    {
        var owner = new Option<string?>("--owner") { Description = "Only models of this owning team" };
        var first = new Option<int>("--first") { Description = "How many models to list (1-100)", DefaultValueFactory = _ => 50 }.Between(1, 100);
        var command = new Command("list", "List models, by name") { owner, first };
        return binder.Bind(command, async (session, ct) =>
        {
            var variables = new JsonObject { ["first"] = session.Parse.GetValue(first) };
            if (session.Parse.GetValue(owner) is { } team)
                variables["where"] = new JsonObject { ["owner"] = new JsonObject { ["eq"] = team } };
            var data = await session.GraphQL.ExecuteAsync(Documents.Models, variables, ct);
            var connection = data.GetProperty("models");
            if (session.Json)
            {
                session.WriteJson(new { totalCount = connection.GetProperty("totalCount").GetInt32(), models = connection.GetProperty("nodes") });
                return;
            }
            var table = new Table().AddColumns("Name", "Task", "Owner", "Latest", "Stage", "Created");
            foreach (var model in connection.GetProperty("nodes").EnumerateArray())
            {
                var latest = model.GetProperty("latestVersion");
                var hasLatest = latest.ValueKind == JsonValueKind.Object;
                table.AddRow(Cell(model, "name"), Cell(model, "task"), Cell(model, "owner"),
                    hasLatest ? "v" + latest.GetProperty("number").GetInt32() : "-",
                    hasLatest ? Cell(latest, "stage") : "-", Date(model, "createdAt"));
            }
            session.Console.Write(table);
            session.Console.MarkupLineInterpolated($"{connection.GetProperty("nodes").GetArrayLength()} of {connection.GetProperty("totalCount").GetInt32()} models.");
        });
    }

    private static Command Show(CommandBinder binder)
    {
        var name = new Argument<string>("NAME") { Description = "The model's name" };
        var command = new Command("show", "Show a model with its versions, stages and aliases") { name };
        return binder.Bind(command, async (session, ct) =>
        {
            var modelName = session.Parse.GetValue(name)!;
            var model = await ModelLookup.ModelAsync(session.GraphQL, modelName, ct);
            var versions = await ModelLookup.VersionsAsync(session.GraphQL, modelName, ct);
            if (session.Json)
            {
                session.WriteJson(new { model, versions });
                return;
            }
            Render(session.Console, model, versions);
        });
    }

    private static void Render(IAnsiConsole console, JsonElement model, List<JsonElement> versions)
    {
        var card = new Grid().AddColumn().AddColumn();
        card.AddRow("Name", Cell(model, "name"));
        card.AddRow("Task", Cell(model, "task"));
        card.AddRow("Owner", Cell(model, "owner"));
        if (model.GetProperty("description").GetString() is { Length: > 0 } description)
            card.AddRow("Description", Markup.Escape(description));
        var aliases = model.GetProperty("aliases").EnumerateArray()
            .Select(a => $"{a.GetProperty("name").GetString()} -> v{a.GetProperty("version").GetProperty("number").GetInt32()}").ToList();
        card.AddRow("Aliases", aliases.Count == 0 ? "-" : Markup.Escape(string.Join(", ", aliases)));
        console.Write(card);

        var table = new Table().AddColumns("Version", "Stage", "Aliases", "Metrics", "Commit", "Created", "By");
        foreach (var version in versions)
        {
            var metrics = version.GetProperty("metrics").EnumerateArray()
                .Select(m => $"{m.GetProperty("name").GetString()}={m.GetProperty("value").GetDouble().ToString("0.####", CultureInfo.InvariantCulture)}");
            var source = version.GetProperty("sourceCode");
            table.AddRow("v" + version.GetProperty("number").GetInt32(), Cell(version, "stage"),
                Markup.Escape(string.Join(", ", version.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()))),
                Markup.Escape(string.Join(", ", metrics)),
                source.ValueKind == JsonValueKind.Object ? Markup.Escape(Short(source.GetProperty("commit").GetString())) : "-",
                Date(version, "createdAt"), Cell(version, "createdBy"));
        }
        console.Write(table);
    }

    private static string Cell(JsonElement element, string property) => Markup.Escape(element.GetProperty(property).GetString() ?? "-");

    private static string Date(JsonElement element, string property)
        => element.GetProperty(property).TryGetDateTimeOffset(out var at) ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "-";

    private static string Short(string? commit) => commit is { Length: > 12 } ? commit[..12] : commit ?? "-";
}
