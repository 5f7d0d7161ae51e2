using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.Cli.Registry;
using ModelRegistry.Cli.Output;
using Spectre.Console;

namespace ModelRegistry.Cli.Commands;

/// <summary>
/// <c>modelreg push</c>: registers the model if missing, creates a version with its metrics, hyperparameters, commit and
/// TRAINED_ON lineage, then streams each artifact up with a progress bar.
/// </summary>
public static class PushCommand
{
    private sealed record Options(
        Option<string> Model, Option<string?> Task, Option<string?> Owner, Option<string?> Description, Option<string?> Metrics,
        Option<string?> Params, Option<string[]> TrainedOn, Option<string?> Commit, Option<string?> Repository, Option<string?> Framework,
        Option<string[]> Artifacts);

    /// <summary>Builds the command.</summary>
    public static Command Create(CommandBinder binder)
    {
        var o = new Options(
            new Option<string>("--model") { Description = "Model name", Required = true },
            new Option<string?>("--task") { Description = $"Model task, needed when the model is new: {string.Join(", ", PushInputs.Tasks)}" },
            new Option<string?>("--owner") { Description = "Owning team, needed when the model is new" },
            new Option<string?>("--description") { Description = "Version description" },
            new Option<string?>("--metrics") { Description = "JSON file: {\"auc\": 0.91} or [{\"name\", \"value\", \"split\"}]" },
            new Option<string?>("--params") { Description = "JSON file of hyperparameters" },
            new Option<string[]>("--trained-on") { Description = "DATASET@VERSION the version was trained on (repeatable)", AllowMultipleArgumentsPerToken = false },
            new Option<string?>("--commit") { Description = "Source commit SHA" },
            new Option<string?>("--repository") { Description = "Repository of --commit (default: from GitHub/GitLab/Azure CI variables)" },
            new Option<string?>("--framework") { Description = "Training framework, e.g. pytorch" },
            new Option<string[]>("--artifact") { Description = "File to upload (repeatable)" });
        var command = new Command("push", "Register a model version with metrics, lineage and artifacts")
        {
            o.Model, o.Task, o.Owner, o.Description, o.Metrics, o.Params, o.TrainedOn, o.Commit, o.Repository, o.Framework, o.Artifacts,
        };
        return binder.Bind(command, (session, ct) => RunAsync(session, o, ct));
    }

    private static async Task RunAsync(CommandSession session, Options o, CancellationToken ct)
    {
        var p = session.Parse;
        var host = session.Host;
        var modelName = p.GetValue(o.Model)!;
        var input = new JsonObject();
        if (p.GetValue(o.Description) is { } description)
            input["description"] = description;
        if (p.GetValue(o.Framework) is { } framework)
            input["framework"] = framework;
        if (p.GetValue(o.Metrics) is { } metricsPath)
            input["metrics"] = PushInputs.ReadMetrics(host.ResolvePath(metricsPath));
        if (p.GetValue(o.Params) is { } paramsPath)
            input["hyperparameters"] = PushInputs.ReadParameters(host.ResolvePath(paramsPath));
        if (p.GetValue(o.Commit) is { } commit)
            input["sourceCode"] = new JsonObject { ["repository"] = PushInputs.Repository(p.GetValue(o.Repository), host.Environment), ["commit"] = commit };
        var task = p.GetValue(o.Task) is { } taskText ? PushInputs.Task(taskText) : null;
        var datasets = (p.GetValue(o.TrainedOn) ?? []).Select(DatasetReference.Parse).ToList();
        var files = new List<ArtifactFile>();
        foreach (var path in p.GetValue(o.Artifacts) ?? [])
            files.Add(await ArtifactFile.InspectAsync(host.ResolvePath(path), ct));
        if (files.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count() != files.Count)
            throw CliFailure.Usage("Two --artifact files share a file name; the registry keeps one artifact per name.");

        var graphql = session.GraphQL;
        var modelId = await ExistingModelIdAsync(graphql, modelName, ct);
        if (modelId is null && (task is null || string.IsNullOrWhiteSpace(p.GetValue(o.Owner))))
            throw CliFailure.Usage($"Model '{modelName}' is not registered yet; pass --task and --owner to register it.");
        var trainedOn = new JsonArray();
        foreach (var reference in datasets)
            trainedOn.Add(await DatasetVersionIdAsync(graphql, reference, ct));
        input["trainedOn"] = trainedOn;

        modelId ??= await RegisterAsync(graphql, modelName, task!, p.GetValue(o.Owner)!, ct);
        input["modelId"] = modelId;
        var created = await graphql.MutateAsync(Documents.CreateModelVersion, input, "createModelVersion", ct);
        var version = created.GetProperty("modelVersion");
        var versionId = version.GetProperty("id").GetString()!;
        var number = version.GetProperty("number").GetInt32();

        var uploaded = await UploadAllAsync(session, versionId, files, ct, $"Version {number} of '{modelName}' was created (id {versionId}), but");
        if (session.Json)
        {
            session.WriteJson(new { modelVersionId = versionId, number, model = modelName, trainedOn = version.GetProperty("trainedOn"), artifacts = uploaded });
            return;
        }
        session.Console.MarkupLineInterpolated($"Created [bold]{modelName}[/] version [bold]{number}[/] ({versionId}), {uploaded.Count} artifact(s) uploaded.");
    }

    private static async Task<List<JsonElement>> UploadAllAsync(CommandSession session, string versionId, List<ArtifactFile> files, CancellationToken ct, string context)
    {
        var transfer = new ArtifactTransfer(session.Http);
        var stored = 0;
        try
        {
            return await TransferProgress.RunAsync(session.Console, session.Json, files, f => (f.Name, f.SizeBytes), async (file, onBytes) =>
            {
                var record = await transfer.UploadAsync(versionId, file, onBytes, ct);
                stored++;
                return record;
            });
        }
        catch (CliFailure failure)
        {
            var done = stored == 0 ? "no artifact was stored" : $"only {stored} of {files.Count} artifacts were stored";
            throw new CliFailure(failure.ExitCode, failure.Code, $"{context} {done}: {failure.Message}", failure);
        }
    }

    private static async Task<string?> ExistingModelIdAsync(GraphQLClient graphql, string name, CancellationToken ct)
    {
        var data = await graphql.ExecuteAsync(Documents.Model, new JsonObject { ["name"] = name }, ct);
        var model = data.GetProperty("model");
        return model.ValueKind == JsonValueKind.Object ? model.GetProperty("id").GetString() : null;
    }

    private static async Task<string> RegisterAsync(GraphQLClient graphql, string name, string task, string owner, CancellationToken ct)
    {
        var input = new JsonObject { ["name"] = name, ["task"] = task, ["owner"] = owner };
        var payload = await graphql.MutateAsync(Documents.RegisterModel, input, "registerModel", ct);
        return payload.GetProperty("model").GetProperty("id").GetString()!;
    }

    private static async Task<string> DatasetVersionIdAsync(GraphQLClient graphql, DatasetReference reference, CancellationToken ct)
    {
        var data = await graphql.ExecuteAsync(Documents.DatasetVersion,
            new JsonObject { ["name"] = reference.Dataset, ["version"] = reference.Version }, ct);
        var dataset = data.GetProperty("datasets").GetProperty("nodes").EnumerateArray().FirstOrDefault();
        if (dataset.ValueKind != JsonValueKind.Object)
            throw CliFailure.Refused("NOT_FOUND", $"--trained-on {reference}: dataset '{reference.Dataset}' does not exist or is not visible to you.");
        var version = dataset.GetProperty("versions").GetProperty("nodes").EnumerateArray().FirstOrDefault();
        if (version.ValueKind != JsonValueKind.Object)
            throw CliFailure.Refused("NOT_FOUND", $"--trained-on {reference}: dataset '{reference.Dataset}' has no version '{reference.Version}'.");
        return version.GetProperty("id").GetString()!;
    }
}
