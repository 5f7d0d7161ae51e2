using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Cli.Registry;

/// <summary>Finds models and versions by the names people type, refusing with NOT_FOUND when they do not exist.</summary>
public static class ModelLookup
{
    /// <summary>The model named <paramref name="name"/>, as the <see cref="Documents.Model"/> query returns it.</summary>
    public static async Task<JsonElement> ModelAsync(GraphQLClient graphql, string name, CancellationToken ct)
    {
        var data = await graphql.ExecuteAsync(Documents.Model, new JsonObject { ["name"] = name }, ct);
        return Existing(data.GetProperty("model"), $"Model '{name}' does not exist or is not visible to you.");
    }

    /// <summary>Version <paramref name="number"/> of model <paramref name="name"/> from <paramref name="document"/>.</summary>
    public static async Task<JsonElement> VersionAsync(GraphQLClient graphql, string document, string name, int number, CancellationToken ct)
    {
        var data = await graphql.ExecuteAsync(document, new JsonObject { ["name"] = name, ["number"] = number }, ct);
        var model = Existing(data.GetProperty("model"), $"Model '{name}' does not exist or is not visible to you.");
        return Existing(model.GetProperty("version"), $"Model '{name}' has no version {number}.");
    }

    /// <summary>Every version of the model, following the cursors page by page.</summary>
    public static async Task<List<JsonElement>> VersionsAsync(GraphQLClient graphql, string name, CancellationToken ct)
    {
        var versions = new List<JsonElement>();
        string? after = null;
        while (true)
        {
            var data = await graphql.ExecuteAsync(Documents.ModelVersions, new JsonObject { ["name"] = name, ["after"] = after }, ct);
            var page = Existing(data.GetProperty("model"), $"Model '{name}' does not exist or is not visible to you.").GetProperty("versions");
            versions.AddRange(page.GetProperty("nodes").EnumerateArray());
            var info = page.GetProperty("pageInfo");
            if (!info.GetProperty("hasNextPage").GetBoolean())
                return versions;
            after = info.GetProperty("endCursor").GetString();
        }
    }

    private static JsonElement Existing(JsonElement element, string message)
        => element.ValueKind == JsonValueKind.Object ? element : throw CliFailure.Refused("NOT_FOUND", message);
}
