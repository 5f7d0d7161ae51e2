using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Models;
using ModelRegistry.Core.Promotions;
using ModelRegistry.Core.Versions;
using ModelRegistry.Infrastructure.Search;

namespace ModelRegistry.Api.Mlflow;

/// <summary>
/// MLflow's Model Registry REST API (<c>/api/2.0/mlflow/registered-models/*</c>, <c>model-versions/*</c>) as a facade over
/// the registry's use cases: every write passes through the same RBAC, promotion workflow, audit chain, events and webhooks
/// as a GraphQL mutation. See docs/mlflow.md for the mapping and the choices made.
/// </summary>
public static class MlflowEndpoints
{
    /// <summary>Where the API lives.</summary>
    public const string Prefix = "/api/2.0/mlflow";

    /// <summary>Largest page of registered models (MLflow's limit).</summary>
    public const int MaxModelResults = 1000;
    /// <summary>Largest page of model versions (MLflow's limit).</summary>
    public const int MaxVersionResults = 200_000;

    // Quotes and non-ASCII text as they are: the answers are JSON for API clients, never embedded in HTML.
    private static readonly System.Text.Json.JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>True when the request is for the MLflow facade, whose errors have MLflow's shape.</summary>
    public static bool IsMlflowPath(PathString path)
        => path.StartsWithSegments(Prefix) || path.StartsWithSegments("/api/2.0/mlflow-artifacts") || path.StartsWithSegments(Version3Prefix);

    // MLflow 3 probes /api/3.0/mlflow/server-info when MLFLOW_WORKSPACE is set; a JSON ENDPOINT_NOT_FOUND tells it the
    // server has no workspaces, where a bare 404 would be an error.
    private const string Version3Prefix = "/api/3.0/mlflow";

    /// <summary>Maps the routes, and a JSON 404 ENDPOINT_NOT_FOUND for every other path under the prefix.</summary>
    public static WebApplication MapMlflow(this WebApplication app)
    {
        var models = Prefix + "/registered-models/";
        var versions = Prefix + "/model-versions/";
        Map(app, "POST", models + "create", CreateModelAsync);
        Map(app, "GET", models + "get", async (c, r) => Wrap("registered_model", await MlflowViews.ModelAsync(c.Db, await c.ModelAsync(r.Required("name")), c.Ct)));
        Map(app, "POST", models + "rename", RenameModelAsync);
        Map(app, "PATCH", models + "update", UpdateModelAsync);
        Map(app, "DELETE", models + "delete", DeleteModelAsync);
        Map(app, "GET", models + "search", SearchModelsAsync);
        Map(app, "POST", models + "get-latest-versions", LatestVersionsAsync);
        Map(app, "GET", models + "get-latest-versions", LatestVersionsAsync);
        Map(app, "POST", models + "set-tag", async (c, r) => await SetTagAsync(c, r, version: false));
        Map(app, "DELETE", models + "delete-tag", async (c, r) => await DeleteTagAsync(c, r, version: false));
        Map(app, "POST", models + "alias", SetAliasAsync);
        Map(app, "DELETE", models + "alias", DeleteAliasAsync);
        Map(app, "GET", models + "alias", GetAliasAsync);
        Map(app, "POST", versions + "create", CreateVersionAsync);
        Map(app, "GET", versions + "get", async (c, r) => Wrap("model_version", await MlflowViews.VersionAsync(c.Db, await c.VersionAsync(r), c.Ct)));
        Map(app, "PATCH", versions + "update", UpdateVersionAsync);
        Map(app, "DELETE", versions + "delete", DeleteVersionAsync);
        Map(app, "GET", versions + "search", SearchVersionsAsync);
        Map(app, "POST", versions + "transition-stage", TransitionStageAsync);
        Map(app, "GET", versions + "get-download-uri", async (c, r) =>
        {
            var version = await c.VersionAsync(r);
            // Files uploaded here are served by the artifact proxy, so the client needs no cloud credentials; otherwise the
            // location the client registered.
            var stored = await c.Db.Artifacts.AsNoTracking().AnyAsync(a => a.ModelVersionId == version.Id, c.Ct);
            return new JsonObject { ["artifact_uri"] = stored ? MlflowArtifactEndpoints.VersionUri(c.Http, version.Model!.Name, version.Number) : version.Source ?? "" };
        });
        Map(app, "POST", versions + "set-tag", async (c, r) => await SetTagAsync(c, r, version: true));
        Map(app, "DELETE", versions + "delete-tag", async (c, r) => await DeleteTagAsync(c, r, version: true));
        // Anything else under the prefix, any method: MLflow's client falls back from POST to GET only on this JSON 404.
        app.Map(Prefix + "/{**rest}", (HttpContext http) =>
            WriteErrorAsync(http, MlflowError.EndpointNotFound(http.Request.Method, http.Request.Path)));
        app.Map(Prefix, (HttpContext http) => WriteErrorAsync(http, MlflowError.EndpointNotFound(http.Request.Method, http.Request.Path)));
        app.Map(Version3Prefix + "/{**rest}", (HttpContext http) =>
            WriteErrorAsync(http, MlflowError.EndpointNotFound(http.Request.Method, http.Request.Path)));
        return app;
    }

    /// <summary>Writes an MLflow error answer.</summary>
    public static Task WriteErrorAsync(HttpContext http, MlflowError error)
    {
        http.Response.StatusCode = error.Status;
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(new JsonObject { ["error_code"] = error.Code, ["message"] = error.Message }.ToJsonString(Json));
    }

    private static void Map(WebApplication app, string method, string path, Func<MlflowCall, MlflowRequest, Task<JsonNode>> handler)
        => app.MapMethods(path, [method], async (HttpContext http) =>
        {
            try
            {
                var request = await MlflowRequest.ReadAsync(http.Request, http.RequestAborted);
                var call = new MlflowCall(http);
                var body = await handler(call, request);
                http.Response.StatusCode = StatusCodes.Status200OK;
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(body.ToJsonString(Json), http.RequestAborted);
            }
            catch (MlflowError error)
            {
                await WriteErrorAsync(http, error);
            }
            catch (BadHttpRequestException e)
            {
                await WriteErrorAsync(http, MlflowError.BadRequest(e.Message));
            }
        });

    private static JsonObject Wrap(string name, JsonNode value) => new() { [name] = value };

    private static JsonObject Empty() => [];

    private static async Task<JsonNode> CreateModelAsync(MlflowCall c, MlflowRequest r)
    {
        var name = r.Required("name");
        var tags = r.Tags();
        var owner = tags.LastOrDefault(t => t.Key == "registry.owner")?.Value ?? await c.DefaultOwnerAsync();
        var task = Enum.TryParse<ModelTask>(tags.LastOrDefault(t => t.Key == "registry.task")?.Value, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed : ModelTask.Other;
        var result = await c.Use<RegisterModel>().ExecuteAsync(
            new RegisterModelCommand(name, null, r.Optional("description") is { Length: > 0 } d ? d : null, task, owner, null, null) { KeyValueTags = tags }, c.Ct);
        var model = c.Unwrap(result, takenName: name);
        return Wrap("registered_model", await MlflowViews.ModelAsync(c.Db, model, c.Ct));
    }

    private static async Task<JsonNode> RenameModelAsync(MlflowCall c, MlflowRequest r)
    {
        var model = await c.ModelAsync(r.Required("name"));
        var newName = r.Required("new_name");
        var renamed = c.Unwrap(await c.Use<RenameModel>().ExecuteAsync(new RenameModelCommand(model.Id, newName, null), c.Ct), () => MlflowError.ModelNotFound(model.Name), newName);
        return Wrap("registered_model", await MlflowViews.ModelAsync(c.Db, renamed, c.Ct));
    }

    private static async Task<JsonNode> UpdateModelAsync(MlflowCall c, MlflowRequest r)
    {
        var model = await c.ModelAsync(r.Required("name"));
        var updated = c.Unwrap(await c.Use<UpdateModel>().ExecuteAsync(
            new UpdateModelCommand(model.Id, null, r.Optional("description") ?? "", null, null, null), c.Ct), () => MlflowError.ModelNotFound(model.Name));
        return Wrap("registered_model", await MlflowViews.ModelAsync(c.Db, updated, c.Ct));
    }

    private static async Task<JsonNode> DeleteModelAsync(MlflowCall c, MlflowRequest r)
    {
        var model = await c.ModelAsync(r.Required("name"));
        c.Unwrap(await c.Use<DeleteModel>().ExecuteAsync(new DeleteModelCommand(model.Id, null), c.Ct), () => MlflowError.ModelNotFound(model.Name));
        return Empty();
    }

    private static async Task<JsonNode> SearchModelsAsync(MlflowCall c, MlflowRequest r)
    {
        var take = r.Int("max_results", 100, MaxModelResults);
        var offset = MlflowSearch.Offset(r.Optional("page_token"));
        var query = MlflowSearch.FilterModels(c.Db.Models.AsNoTracking().Where(m => m.DeletedAt == null), r.Optional("filter"), c.Like);
        var page = await MlflowSearch.OrderModels(query, r.List("order_by")).Skip(offset).Take(take + 1).ToListAsync(c.Ct);
        var result = new JsonObject { ["registered_models"] = await MlflowViews.ModelsAsync(c.Db, [.. page.Take(take)], c.Ct) };
        if (page.Count > take)
            result["next_page_token"] = MlflowSearch.Token(offset + take);
        return result;
    }

    private static async Task<JsonNode> LatestVersionsAsync(MlflowCall c, MlflowRequest r)
    {
        var model = await c.ModelAsync(r.Required("name"));
        var stages = r.List("stages").Where(s => s.Length > 0).Select(MlflowViews.ParseStage).ToList();
        var latest = await MlflowViews.LatestPerStageAsync(c.Db, [model.Id], c.Ct, stages.Count == 0 ? null : stages);
        return new JsonObject { ["model_versions"] = await MlflowViews.VersionsAsync(c.Db, latest, c.Ct) };
    }

    private static async Task<JsonNode> SetTagAsync(MlflowCall c, MlflowRequest r, bool version)
    {
        var model = await c.ModelAsync(r.Required("name"));
        int? number = version ? (await c.VersionAsync(r, model)).Number : null;
        var key = r.Required("key");
        var value = r.Optional("value") ?? throw MlflowError.InvalidParameter("Missing value for required parameter 'value'. See the API docs for more information about request parameters.");
        c.Unwrap(await c.Use<SetKeyValueTag>().ExecuteAsync(new SetKeyValueTagCommand(model.Id, number, key, value, null), c.Ct), () => MlflowError.ModelNotFound(model.Name));
        return Empty();
    }

    private static async Task<JsonNode> DeleteTagAsync(MlflowCall c, MlflowRequest r, bool version)
    {
        var model = await c.ModelAsync(r.Required("name"));
        int? number = version ? (await c.VersionAsync(r, model)).Number : null;
        var key = r.Required("key");
        c.Unwrap(await c.Use<DeleteKeyValueTag>().ExecuteAsync(new DeleteKeyValueTagCommand(model.Id, number, key, null), c.Ct),
            () => number is null
                ? MlflowError.DoesNotExist($"No tag with name: {key} in registered model with name: {model.Name}")
                : MlflowError.DoesNotExist($"No tag with name: {key} for model version with name: {model.Name}, version: {number}"));
        return Empty();
    }

    private static async Task<JsonNode> SetAliasAsync(MlflowCall c, MlflowRequest r)
    {
        var model = await c.ModelAsync(r.Required("name"));
        var alias = CheckAlias(r.Required("alias"));
        var version = await c.VersionAsync(r, model);
        c.Unwrap(await c.Use<SetModelAlias>().ExecuteAsync(new SetModelAliasCommand(model.Id, alias, version.Id, null), c.Ct), () => MlflowError.ModelNotFound(model.Name));
        return Empty();
    }

    private static async Task<JsonNode> DeleteAliasAsync(MlflowCall c, MlflowRequest r)
    {
        var model = await c.ModelAsync(r.Required("name"));
        var alias = r.Required("alias");
        c.Unwrap(await c.Use<RemoveModelAlias>().ExecuteAsync(new RemoveModelAliasCommand(model.Id, alias, null), c.Ct),
            () => MlflowError.DoesNotExist($"Registered model alias {alias} not found."));
        return Empty();
    }

    private static async Task<JsonNode> GetAliasAsync(MlflowCall c, MlflowRequest r)
    {
        var model = await c.ModelAsync(r.Required("name"));
        var alias = r.Required("alias");
        var target = await c.Db.ModelAliases.AsNoTracking().Where(a => a.ModelId == model.Id && a.Name == alias).Select(a => (long?)a.ModelVersionId).FirstOrDefaultAsync(c.Ct);
        var version = target is null ? null : await c.Db.ModelVersions.AsNoTracking().Include(v => v.Model).FirstOrDefaultAsync(v => v.Id == target && v.DeletedAt == null, c.Ct);
        if (version is null)
            throw MlflowError.DoesNotExist($"Registered model alias {alias} not found.");
        return Wrap("model_version", await MlflowViews.VersionAsync(c.Db, version, c.Ct));
    }

    // MLflow reserves "latest" and "v<number>" (they would shadow models:/name/latest and version URIs).
    private static string CheckAlias(string alias)
    {
        if (alias.Equals("latest", StringComparison.OrdinalIgnoreCase)
            || (alias.Length > 1 && (alias[0] is 'v' or 'V') && alias[1..].All(char.IsAsciiDigit)))
            throw MlflowError.InvalidParameter($"'{alias}' alias name (case insensitive) is reserved.");
        return alias;
    }

    private static async Task<JsonNode> CreateVersionAsync(MlflowCall c, MlflowRequest r)
    {
        var model = await c.ModelAsync(r.Required("name"));
        var source = await c.ResolveSourceAsync(r.Required("source"), r.Optional("run_id"));
        var result = await c.Use<CreateModelVersion>().ExecuteAsync(
            new CreateModelVersionCommand(model.Id, r.Optional("description") is { Length: > 0 } d ? d : null, null, null, null, null, null, null, null)
            {
                Source = source, RunId = r.Optional("run_id") is { Length: > 0 } run ? run : null,
                RunLink = r.Optional("run_link") is { Length: > 0 } link ? link : null, KeyValueTags = r.Tags(),
            }, c.Ct);
        var version = c.Unwrap(result, () => MlflowError.ModelNotFound(model.Name));
        version.Model = model;
        return Wrap("model_version", await MlflowViews.VersionAsync(c.Db, version, c.Ct));
    }

    private static async Task<JsonNode> UpdateVersionAsync(MlflowCall c, MlflowRequest r)
    {
        var version = await c.VersionAsync(r);
        var updated = c.Unwrap(await c.Use<UpdateModelVersion>().ExecuteAsync(new UpdateModelVersionCommand(version.Id, r.Optional("description") ?? "", null), c.Ct),
            () => MlflowError.VersionNotFound(version.Model!.Name, version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Wrap("model_version", await MlflowViews.VersionAsync(c.Db, await c.ReloadAsync(updated.Id), c.Ct));
    }

    private static async Task<JsonNode> DeleteVersionAsync(MlflowCall c, MlflowRequest r)
    {
        var version = await c.VersionAsync(r);
        c.Unwrap(await c.Use<DeleteModelVersion>().ExecuteAsync(new DeleteModelVersionCommand(version.Id, null), c.Ct),
            () => MlflowError.VersionNotFound(version.Model!.Name, version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return Empty();
    }

    private static async Task<JsonNode> SearchVersionsAsync(MlflowCall c, MlflowRequest r)
    {
        var take = r.Int("max_results", 10_000, MaxVersionResults);
        var offset = MlflowSearch.Offset(r.Optional("page_token"));
        var query = MlflowSearch.FilterVersions(
            c.Db.ModelVersions.AsNoTracking().Include(v => v.Model).Where(v => v.DeletedAt == null && v.Model!.DeletedAt == null), r.Optional("filter"), c.Like);
        var page = await MlflowSearch.OrderVersions(query, r.List("order_by")).Skip(offset).Take(take + 1).ToListAsync(c.Ct);
        var result = new JsonObject { ["model_versions"] = await MlflowViews.VersionsAsync(c.Db, [.. page.Take(take)], c.Ct) };
        if (page.Count > take)
            result["next_page_token"] = MlflowSearch.Token(offset + take);
        return result;
    }

    private static async Task<JsonNode> TransitionStageAsync(MlflowCall c, MlflowRequest r)
    {
        var version = await c.VersionAsync(r);
        var name = version.Model!.Name;
        var target = MlflowViews.ParseStage(r.Required("stage"));
        var archiveOthers = r.Bool("archive_existing_versions", false);
        if (archiveOthers && target is not (ModelStage.Staging or ModelStage.Production))
            throw MlflowError.InvalidParameter(
                $"Model version transition cannot archive existing model versions because '{MlflowViews.StageName(target)}' is not an Active stage. Valid stages are Staging and Production.");
        var reason = c.Reason ?? $"MLflow transition-stage to {MlflowViews.StageName(target)}";
        if (version.Stage != target)
        {
            var pending = await c.Db.PromotionRequests.AsNoTracking()
                .FirstOrDefaultAsync(p => p.ModelVersionId == version.Id && p.Status == PromotionStatus.Pending, c.Ct);
            if (pending is not null && pending.TargetStage == target)
                throw await c.PendingAsync(version, pending);
            if (version.Stage == ModelStage.Archived && target == ModelStage.Development)
                c.Unwrap(await c.Use<RestoreModelVersion>().ExecuteAsync(new RestoreModelVersionCommand(version.Id, reason), c.Ct), () => MlflowError.VersionNotFound(name, r.Required("version")));
            else
            {
                var outcome = c.Unwrap(await c.Use<PromoteModelVersion>().ExecuteAsync(new PromoteModelVersionCommand(version.Id, target, reason), c.Ct),
                    () => MlflowError.VersionNotFound(name, r.Required("version")));
                if (outcome.Request.Status == PromotionStatus.Pending)
                    throw await c.PendingAsync(version, outcome.Request);
            }
        }
        if (archiveOthers)
        {
            var others = await c.Db.ModelVersions.AsNoTracking()
                .Where(v => v.ModelId == version.ModelId && v.Id != version.Id && v.Stage == target && v.DeletedAt == null).OrderBy(v => v.Number).ToListAsync(c.Ct);
            var refused = new List<string>();
            foreach (var other in others)
            {
                var archived = await c.Use<PromoteModelVersion>().ExecuteAsync(
                    new PromoteModelVersionCommand(other.Id, ModelStage.Archived, $"Archived by the transition of version {version.Number} to {MlflowViews.StageName(target)}"), c.Ct);
                if (!archived.IsSuccess)
                    refused.Add($"version {other.Number}: {archived.Error!.Message}");
                else if (archived.Value!.Request.Status == PromotionStatus.Pending)
                    refused.Add($"version {other.Number}: archiving waits for approval");
            }
            if (refused.Count > 0)
                throw new MlflowError(409, "ABORTED",
                    $"Version {version.Number} of {name} is now in {MlflowViews.StageName(target)}, but these versions were not archived: {string.Join("; ", refused)}.");
        }
        return Wrap("model_version", await MlflowViews.VersionAsync(c.Db, await c.ReloadAsync(version.Id), c.Ct));
    }
}

/// <summary>One facade call: the request's services, and the look-ups every route shares.</summary>
public sealed class MlflowCall(HttpContext http)
{
    /// <summary>The request.</summary>
    public HttpContext Http => http;
    /// <summary>The registry database, read with the caller's visibility.</summary>
    public IRegistryDbContext Db { get; } = http.RequestServices.GetRequiredService<IRegistryDbContext>();
    /// <summary>LIKE and ILIKE on this provider.</summary>
    public ILikeDialect Like { get; } = http.RequestServices.GetRequiredService<ILikeDialect>();
    /// <summary>The request's cancellation.</summary>
    public CancellationToken Ct => http.RequestAborted;
    /// <summary>The reason the caller stated (X-Reason), if any.</summary>
    public string? Reason => http.Request.Headers["X-Reason"].ToString() is { Length: > 0 } reason ? reason : null;

    /// <summary>A use case of this request's scope.</summary>
    public T Use<T>() where T : notnull => http.RequestServices.GetRequiredService<T>();

    /// <summary>The living model of that name the caller can read; RESOURCE_DOES_NOT_EXIST otherwise.</summary>
    public async Task<Model> ModelAsync(string name)
        => await Db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name && m.DeletedAt == null, Ct) ?? throw MlflowError.ModelNotFound(name);

    /// <summary>The living version the request names (<c>name</c>, <c>version</c>), its model loaded.</summary>
    public async Task<ModelVersion> VersionAsync(MlflowRequest r, Model? model = null)
    {
        var name = model?.Name ?? r.Required("name");
        var number = r.Version();
        model ??= await Db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.Name == name && m.DeletedAt == null, Ct);
        var version = model is null ? null
            : await Db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Number == number && v.DeletedAt == null, Ct);
        if (version is null)
            throw MlflowError.VersionNotFound(name, number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        version.Model = model;
        return version;
    }

    /// <summary>A version as stored now, its model loaded.</summary>
    public async Task<ModelVersion> ReloadAsync(long id)
        => await Db.ModelVersions.AsNoTracking().Include(v => v.Model).FirstAsync(v => v.Id == id, Ct);

    /// <summary>The value of a successful use case; the MLflow error of a refusal.</summary>
    public T Unwrap<T>(Result<T> result, Func<MlflowError>? notFound = null, string? takenName = null)
        => result.IsSuccess ? result.Value! : throw MlflowError.From(result.Error!, notFound, takenName);

    /// <summary>
    /// The owner of a model registered through MLflow, which has no owner: the one team the caller contributes to, when its
    /// grants name exactly one, else the configured default team (<c>Registry:Mlflow:DefaultOwner</c>, "mlflow").
    /// </summary>
    public async Task<string> DefaultOwnerAsync()
    {
        var principal = http.RequestServices.GetRequiredService<AccessControl>().Principal;
        var teams = await Db.RoleAssignments.AsNoTracking()
            .Where(g => g.Principal == principal.Name && g.RevokedAt == null && g.Scope.StartsWith("team:")
                        && (g.Role == Role.Contributor || g.Role == Role.Deployer || g.Role == Role.Admin))
            .Select(g => g.Scope).Distinct().ToListAsync(Ct);
        if (teams.Count == 1)
            return teams[0]["team:".Length..];
        return http.RequestServices.GetRequiredService<IConfiguration>()["Registry:Mlflow:DefaultOwner"] is { Length: > 0 } owner ? owner : "mlflow";
    }

    /// <summary>
    /// The source to store: a <c>models:/name/N</c> URI (what <c>copy_model_version</c> sends) becomes that version's storage
    /// location; a local path needs a run id, as MLflow's server requires.
    /// </summary>
    public async Task<string> ResolveSourceAsync(string source, string? runId)
    {
        if (source.StartsWith("models:/", StringComparison.Ordinal))
        {
            var parts = source["models:/".Length..].Trim('/').Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[1], out var number))
                throw MlflowError.InvalidParameter($"Unsupported source '{source}': expected models:/<name>/<version>.");
            var model = await ModelAsync(parts[0]);
            var version = await Db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == model.Id && v.Number == number && v.DeletedAt == null, Ct)
                ?? throw MlflowError.VersionNotFound(parts[0], parts[1]);
            return version.Source ?? throw MlflowError.InvalidParameter($"Version {number} of {parts[0]} has no storage location to copy.");
        }
        var scheme = Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme.Length > 1 ? uri.Scheme : null;
        if ((scheme is null or "file") && string.IsNullOrEmpty(runId))
            throw MlflowError.InvalidParameter(
                $"Invalid model version source: '{source}'. To use a local path as a model version source, the run_id request parameter has to be specified and the local path has to be contained within the artifact directory of the run specified by the run_id.");
        return source;
    }

    /// <summary>The 409 of a transition that waits for approvers: which request, how many approvals, where the version stays.</summary>
    public async Task<MlflowError> PendingAsync(ModelVersion version, PromotionRequest request)
    {
        var policy = await PromotionPolicy.ForAsync(Db, version.Model!, request.TargetStage, Ct);
        var approvals = await Db.ApprovalDecisions.AsNoTracking().CountAsync(a => a.PromotionRequestId == request.Id && a.Approved, Ct);
        return new MlflowError(409, "ABORTED",
            $"The transition of {version.Model!.Name} version {version.Number} to {MlflowViews.StageName(request.TargetStage)} needs approval: " +
            $"promotion request {GlobalId.Encode(NodeTypes.PromotionRequest, request.Id)} is PENDING with {approvals} of {policy.RequiredApprovals} approval(s). " +
            $"The version stays in {MlflowViews.StageName(version.Stage)} until approvers decide (GraphQL approvePromotion); it moves then.");
    }
}
