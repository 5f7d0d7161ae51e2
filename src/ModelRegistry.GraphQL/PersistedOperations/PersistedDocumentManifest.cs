using System.Text.Json;

namespace ModelRegistry.GraphQL.PersistedOperations;

/// <summary>
/// Reads a trusted-documents manifest: the JSON object <c>{ "&lt;id&gt;": "&lt;document&gt;" }</c> that graphql-codegen's
/// client preset (<c>persistedDocuments</c>) and relay-compiler's persist config both write.
/// </summary>
public static class PersistedDocumentManifest
{
    /// <summary>Loads the manifest at <paramref name="path"/>; a missing or malformed file throws with a message that names it.</summary>
    public static IReadOnlyDictionary<string, string> Load(string path)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"The persisted-documents manifest '{path}' does not exist.");
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream, path);
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"The persisted-documents manifest '{path}' is not valid JSON (line {(ex.LineNumber ?? 0) + 1}).", ex);
        }
    }

    /// <summary>Parses a manifest; <paramref name="name"/> names it in errors.</summary>
    public static IReadOnlyDictionary<string, string> Parse(Stream json, string name)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException(
                $"The persisted-documents manifest '{name}' must be a JSON object mapping each document id to its text.");
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in document.RootElement.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(entry.Value.GetString()) || entry.Name.Length == 0)
                throw new InvalidOperationException(
                    $"The persisted-documents manifest '{name}' has an entry '{entry.Name}' whose value is not a document string.");
            documents[entry.Name] = entry.Value.GetString()!;
        }
        return documents;
    }
}
