using System.Text.Json;
using System.Text.Json.Nodes;

namespace ModelRegistry.Cli.Commands;

/// <summary>A <c>DATASET@VERSION</c> reference given with <c>--trained-on</c>.</summary>
public sealed record DatasetReference(string Dataset, string Version)
{
    /// <summary>Splits at the last '@', so dataset names may not hold one but version labels may.</summary>
    public static DatasetReference Parse(string text)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
            throw CliFailure.Usage($"--trained-on '{text}' is not DATASET@VERSION.");
        return new DatasetReference(text[..at].Trim(), text[(at + 1)..].Trim());
    }

    /// <inheritdoc />
    public override string ToString() => $"{Dataset}@{Version}";
}

/// <summary>
/// The local half of <c>modelreg push</c>: the metrics and parameter files and the source reference, read and checked
/// before the registry is asked anything, so a typo never leaves a half-registered version behind.
/// </summary>
public static class PushInputs
{
    /// <summary>The model tasks the registry knows (ModelTask in the schema).</summary>
    public static readonly IReadOnlyList<string> Tasks = ["CLASSIFICATION", "REGRESSION", "RANKING", "FORECASTING", "CLUSTERING", "GENERATION", "EMBEDDING", "OTHER"];

    /// <summary>
    /// Reads metrics as MetricInput objects. Accepted shapes: <c>{"auc": 0.91}</c>, <c>{"auc": {"value": 0.91, "split": "test"}}</c>
    /// and <c>[{"name": "auc", "value": 0.91, "split": "test"}]</c>.
    /// </summary>
    public static JsonArray ReadMetrics(string path)
    {
        var root = ReadJson(path, "--metrics");
        var metrics = new JsonArray();
        switch (root)
        {
            case JsonObject byName:
                foreach (var (name, value) in byName)
                    metrics.Add(value is JsonObject detail ? Metric(path, name, detail["value"], detail["split"]) : Metric(path, name, value, null));
                break;
            case JsonArray list:
                foreach (var item in list)
                {
                    if (item is not JsonObject entry || entry["name"] is not JsonValue nameValue || !nameValue.TryGetValue<string>(out var name))
                        throw CliFailure.Usage($"--metrics {path}: every entry of the list needs a \"name\".");
                    metrics.Add(Metric(path, name, entry["value"], entry["split"]));
                }
                break;
            default:
                throw CliFailure.Usage($"--metrics {path}: expected an object of name to number, or a list of {{name, value, split}}.");
        }
        return metrics;
    }

    /// <summary>Reads hyperparameters: any JSON object, stored as given.</summary>
    public static JsonObject ReadParameters(string path)
        => ReadJson(path, "--params") as JsonObject ?? throw CliFailure.Usage($"--params {path}: expected a JSON object of parameter names to values.");

    /// <summary>The model task in the registry's spelling, from any letter case.</summary>
    public static string Task(string text)
    {
        var task = text.Trim().ToUpperInvariant();
        return Tasks.Contains(task) ? task : throw CliFailure.Usage($"--task '{text}' is not one of {string.Join(", ", Tasks)}.");
    }

    /// <summary>
    /// The repository a commit belongs to: <c>--repository</c>, else what the CI system says (GitHub Actions, GitLab CI,
    /// Azure Pipelines), since the registry records a commit only together with its repository.
    /// </summary>
    public static string Repository(string? option, Func<string, string?> environment)
    {
        if (!string.IsNullOrWhiteSpace(option))
            return option.Trim();
        var github = environment("GITHUB_REPOSITORY");
        if (!string.IsNullOrWhiteSpace(github))
            return $"{(environment("GITHUB_SERVER_URL") ?? "https://github.com").TrimEnd('/')}/{github}";
        foreach (var variable in new[] { "CI_PROJECT_URL", "BUILD_REPOSITORY_URI" })
            if (environment(variable) is { Length: > 0 } url)
                return url;
        throw CliFailure.Usage("--commit needs the repository it belongs to: pass --repository URL.");
    }

    private static JsonObject Metric(string path, string name, JsonNode? value, JsonNode? split)
    {
        if (value is not JsonValue number || !number.TryGetValue<double>(out var parsed) || !double.IsFinite(parsed))
            throw CliFailure.Usage($"--metrics {path}: metric '{name}' needs a finite number.");
        var metric = new JsonObject { ["name"] = name, ["value"] = parsed };
        if (split is JsonValue s && s.TryGetValue<string>(out var splitName))
            metric["split"] = splitName;
        return metric;
    }

    private static JsonNode? ReadJson(string path, string option)
    {
        if (!File.Exists(path))
            throw CliFailure.Usage($"{option} file '{path}' does not exist.");
        try
        {
            using var stream = File.OpenRead(path);
            return JsonNode.Parse(stream);
        }
        catch (JsonException e)
        {
            throw CliFailure.Usage($"{option} file '{path}' is not valid JSON: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliFailure.Usage($"Cannot read {option} file '{path}': {e.Message}");
        }
    }
}
