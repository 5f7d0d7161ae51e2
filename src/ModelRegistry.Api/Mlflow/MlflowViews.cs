using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Api.Mlflow;

/// <summary>Registered models and model versions in MLflow's JSON shapes, loaded in batches.</summary>
public static class MlflowViews
{
    /// <summary>MLflow's stage names, in its order.</summary>
    public static readonly IReadOnlyList<(string Name, ModelStage Stage)> Stages =
        [("None", ModelStage.Development), ("Staging", ModelStage.Staging), ("Production", ModelStage.Production), ("Archived", ModelStage.Archived)];

    /// <summary>MLflow's name of a stage.</summary>
    public static string StageName(ModelStage stage) => Stages.First(s => s.Stage == stage).Name;

    /// <summary>The stage an MLflow name stands for, case-insensitive; INVALID_PARAMETER_VALUE otherwise.</summary>
    public static ModelStage ParseStage(string name)
    {
        foreach (var (mlflow, stage) in Stages)
            if (mlflow.Equals(name, StringComparison.OrdinalIgnoreCase))
                return stage;
        throw MlflowError.InvalidParameter($"Invalid Model Version stage: {name}. Value must be one of None, Staging, Production, Archived.");
    }

    /// <summary>Milliseconds since the epoch, MLflow's timestamps.</summary>
    public static long Millis(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>The <c>registered_model</c> objects of <paramref name="models"/>, in their order.</summary>
    public static async Task<JsonArray> ModelsAsync(IRegistryDbContext db, IReadOnlyList<Model> models, CancellationToken ct)
    {
        var ids = models.Select(m => m.Id).ToList();
        var tags = (await db.ModelKeyValueTags.AsNoTracking().Where(t => ids.Contains(t.ModelId)).OrderBy(t => t.Key).ToListAsync(ct)).ToLookup(t => t.ModelId);
        var aliases = (await (from a in db.ModelAliases.AsNoTracking()
                              join v in db.ModelVersions.AsNoTracking() on a.ModelVersionId equals v.Id
                              where ids.Contains(a.ModelId)
                              orderby a.Name
                              select new { a.ModelId, a.Name, v.Number }).ToListAsync(ct)).ToLookup(a => a.ModelId);
        var latest = await LatestPerStageAsync(db, ids, ct);
        var latestJson = await VersionsAsync(db, latest, ct);
        var latestByModel = latest.Select((v, i) => (v.ModelId, Json: latestJson[i]!)).ToLookup(x => x.ModelId, x => x.Json);
        var result = new JsonArray();
        foreach (var model in models)
        {
            var json = new JsonObject
            {
                ["name"] = model.Name,
                ["creation_timestamp"] = Millis(model.CreatedAt),
                ["last_updated_timestamp"] = Millis(model.UpdatedAt),
                ["user_id"] = model.CreatedBy,
            };
            if (!string.IsNullOrEmpty(model.Description))
                json["description"] = model.Description;
            var latestVersions = latestByModel[model.Id].Select(j => j.DeepClone()).ToArray();
            if (latestVersions.Length > 0)
                json["latest_versions"] = new JsonArray(latestVersions);
            if (tags[model.Id].Any())
                json["tags"] = new JsonArray([.. tags[model.Id].Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);
            if (aliases[model.Id].Any())
                json["aliases"] = new JsonArray([.. aliases[model.Id].Select(a => (JsonNode)new JsonObject { ["alias"] = a.Name, ["version"] = a.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) })]);
            result.Add(json);
        }
        return result;
    }

    /// <summary>One <c>registered_model</c>.</summary>
    public static async Task<JsonNode> ModelAsync(IRegistryDbContext db, Model model, CancellationToken ct)
        => (await ModelsAsync(db, [model], ct))[0]!.DeepClone();

    /// <summary>The <c>model_version</c> objects of <paramref name="versions"/> (their <see cref="ModelVersion.Model"/> loaded), in their order.</summary>
    public static async Task<JsonArray> VersionsAsync(IRegistryDbContext db, IReadOnlyList<ModelVersion> versions, CancellationToken ct)
    {
        var ids = versions.Select(v => v.Id).ToList();
        var tags = (await db.VersionKeyValueTags.AsNoTracking().Where(t => ids.Contains(t.ModelVersionId)).OrderBy(t => t.Key).ToListAsync(ct)).ToLookup(t => t.ModelVersionId);
        var aliases = (await db.ModelAliases.AsNoTracking().Where(a => ids.Contains(a.ModelVersionId)).OrderBy(a => a.Name)
            .Select(a => new { a.ModelVersionId, a.Name }).ToListAsync(ct)).ToLookup(a => a.ModelVersionId, a => a.Name);
        var result = new JsonArray();
        foreach (var version in versions)
        {
            var json = new JsonObject
            {
                ["name"] = version.Model!.Name,
                // A string: MLflow's client refuses a number here.
                ["version"] = version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["creation_timestamp"] = Millis(version.CreatedAt),
                ["last_updated_timestamp"] = Millis(version.UpdatedAt == default ? version.CreatedAt : version.UpdatedAt),
                ["user_id"] = version.CreatedBy,
                ["current_stage"] = StageName(version.Stage),
            };
            if (!string.IsNullOrEmpty(version.Description))
                json["description"] = version.Description;
            if (version.Source is not null)
                json["source"] = version.Source;
            if (version.RunId is not null)
                json["run_id"] = version.RunId;
            // Registered at once: a client that read anything else would poll for five minutes.
            json["status"] = "READY";
            if (tags[version.Id].Any())
                json["tags"] = new JsonArray([.. tags[version.Id].Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value })]);
            if (version.RunLink is not null)
                json["run_link"] = version.RunLink;
            if (aliases[version.Id].Any())
                json["aliases"] = new JsonArray([.. aliases[version.Id].Select(a => (JsonNode)a)]);
            result.Add(json);
        }
        return result;
    }

    /// <summary>One <c>model_version</c>.</summary>
    public static async Task<JsonNode> VersionAsync(IRegistryDbContext db, ModelVersion version, CancellationToken ct)
        => (await VersionsAsync(db, [version], ct))[0]!.DeepClone();

    /// <summary>For each model, its living version with the highest number in each stage, in MLflow's stage order.</summary>
    public static async Task<List<ModelVersion>> LatestPerStageAsync(IRegistryDbContext db, IReadOnlyCollection<long> modelIds, CancellationToken ct,
        IReadOnlyCollection<ModelStage>? stages = null)
    {
        var heads = await db.ModelVersions.AsNoTracking()
            .Where(v => modelIds.Contains(v.ModelId) && v.DeletedAt == null)
            .GroupBy(v => new { v.ModelId, v.Stage })
            .Select(g => new { g.Key.ModelId, g.Key.Stage, Number = g.Max(v => v.Number) })
            .ToListAsync(ct);
        heads = [.. heads.Where(h => stages is null || stages.Contains(h.Stage))];
        var numbers = heads.Select(h => h.Number).Distinct().ToList();
        var rows = await db.ModelVersions.AsNoTracking().Include(v => v.Model)
            .Where(v => modelIds.Contains(v.ModelId) && numbers.Contains(v.Number) && v.DeletedAt == null)
            .ToListAsync(ct);
        var byKey = rows.ToDictionary(v => (v.ModelId, v.Number));
        var order = Stages.Select((s, i) => (s.Stage, i)).ToDictionary(x => x.Stage, x => x.i);
        return [.. heads.OrderBy(h => h.ModelId).ThenBy(h => order[h.Stage]).Select(h => byKey[(h.ModelId, h.Number)])];
    }
}
