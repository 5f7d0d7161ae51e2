using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Artifacts;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Artifacts;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.Infrastructure.Artifacts;

namespace ModelRegistry.Api.Mlflow;

/// <summary>
/// MLflow's artifact proxy (<c>/api/2.0/mlflow-artifacts/artifacts</c>) over the registry's artifact store, so that
/// <c>models:/name/3</c> loads with no cloud credentials. Paths are <c>models/&lt;model&gt;/&lt;version&gt;/&lt;file path&gt;</c>:
/// GET with <c>?path=</c> lists a folder (<c>{"files": [{path, is_dir, file_size}]}</c>, names relative to it), GET of a
/// file downloads it (audited as ARTIFACT_DOWNLOADED), PUT uploads one (the same checks as the registry's own upload).
/// </summary>
public static class MlflowArtifactEndpoints
{
    /// <summary>Where the proxy lives.</summary>
    public const string Prefix = "/api/2.0/mlflow-artifacts";

    private const string Artifacts = Prefix + "/artifacts";

    /// <summary>Maps list, download and upload, and a JSON 404 for the rest of the prefix.</summary>
    public static WebApplication MapMlflowArtifacts(this WebApplication app)
    {
        app.MapGet(Artifacts, (HttpContext http) => Guard(http, () => ListAsync(http, http.Request.Query["path"].ToString())));
        app.MapGet(Artifacts + "/{**path}", (HttpContext http, string path) => Guard(http, () => DownloadAsync(http, path)));
        app.MapPut(Artifacts + "/{**path}", (HttpContext http, string path) => Guard(http, () => UploadAsync(http, path)));
        app.Map(Prefix + "/{**rest}", (HttpContext http) =>
            MlflowEndpoints.WriteErrorAsync(http, MlflowError.EndpointNotFound(http.Request.Method, http.Request.Path)));
        return app;
    }

    /// <summary>The proxy URI of a version's files, which MLflow's HTTP artifact repository lists and downloads.</summary>
    public static string VersionUri(HttpContext http, string model, int number)
    {
        var configured = http.RequestServices.GetRequiredService<IConfiguration>()["Registry:Mlflow:PublicUrl"];
        var root = configured is { Length: > 0 } ? configured.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}";
        return $"{root}{Artifacts}/models/{Uri.EscapeDataString(model)}/{number}";
    }

    private static async Task Guard(HttpContext http, Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (MlflowError error)
        {
            await MlflowEndpoints.WriteErrorAsync(http, error);
        }
    }

    // models/<name>/<number>/<file path>: the version, and the path inside it ("" for the version's root).
    private static async Task<(ModelVersion? Version, string Inside, string[] Parts)> ResolveAsync(HttpContext http, string path)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Any(p => p is "." or ".."))
            throw MlflowError.InvalidParameter($"Invalid path '{path}': it must not contain '.' or '..' parts.");
        if (parts.Length < 3 || parts[0] != "models")
            return (null, "", parts);
        if (!int.TryParse(parts[2], out var number))
            throw MlflowError.DoesNotExist($"No such artifact path: {path}");
        var db = http.RequestServices.GetRequiredService<IRegistryDbContext>();
        var name = parts[1];
        var version = await db.ModelVersions.AsNoTracking().Include(v => v.Model)
            .FirstOrDefaultAsync(v => v.Model!.Name == name && v.Model.DeletedAt == null && v.Number == number && v.DeletedAt == null, http.RequestAborted);
        if (version is null)
            throw MlflowError.VersionNotFound(name, parts[2]);
        return (version, string.Join('/', parts.Skip(3)), parts);
    }

    private static async Task ListAsync(HttpContext http, string path)
    {
        var db = http.RequestServices.GetRequiredService<IRegistryDbContext>();
        var (version, inside, parts) = await ResolveAsync(http, path);
        var files = new JsonArray();
        if (version is not null)
        {
            var prefix = inside.Length == 0 ? "" : inside + "/";
            var artifacts = await db.Artifacts.AsNoTracking().Where(a => a.ModelVersionId == version.Id).OrderBy(a => a.Name).ToListAsync(http.RequestAborted);
            var folders = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var artifact in artifacts.Where(a => a.Name.StartsWith(prefix, StringComparison.Ordinal)))
            {
                var rest = artifact.Name[prefix.Length..];
                var slash = rest.IndexOf('/');
                if (slash >= 0)
                    folders.Add(rest[..slash]);
                else
                    files.Add(new JsonObject { ["path"] = rest, ["is_dir"] = false, ["file_size"] = artifact.SizeBytes });
            }
            foreach (var folder in folders)
                files.Add(new JsonObject { ["path"] = folder, ["is_dir"] = true });
        }
        else if (parts.Length == 0 || (parts.Length == 1 && parts[0] == "models"))
        {
            if (parts.Length == 0)
                files.Add(new JsonObject { ["path"] = "models", ["is_dir"] = true });
            else
                foreach (var name in await db.Models.AsNoTracking().Where(m => m.DeletedAt == null).OrderBy(m => m.Name).Select(m => m.Name).Take(10_000).ToListAsync(http.RequestAborted))
                    files.Add(new JsonObject { ["path"] = name, ["is_dir"] = true });
        }
        else if (parts.Length == 2 && parts[0] == "models")
        {
            var name = parts[1];
            foreach (var number in await db.ModelVersions.AsNoTracking().Where(v => v.Model!.Name == name && v.Model.DeletedAt == null && v.DeletedAt == null)
                         .OrderBy(v => v.Number).Select(v => v.Number).ToListAsync(http.RequestAborted))
                files.Add(new JsonObject { ["path"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture), ["is_dir"] = true });
        }
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(new JsonObject { ["files"] = files }.ToJsonString(), http.RequestAborted);
    }

    private static async Task DownloadAsync(HttpContext http, string path)
    {
        var (version, inside, _) = await ResolveAsync(http, path);
        if (version is null || inside.Length == 0)
            throw MlflowError.DoesNotExist($"No such artifact: {path}");
        var services = http.RequestServices;
        var artifact = await services.GetRequiredService<IRegistryDbContext>().Artifacts.AsNoTracking()
            .FirstOrDefaultAsync(a => a.ModelVersionId == version.Id && a.Name == inside, http.RequestAborted)
            ?? throw MlflowError.DoesNotExist($"No such artifact: {path}");
        var principal = services.GetRequiredService<AccessControl>().Principal;
        var recorded = await services.GetRequiredService<RecordArtifactDownload>().ExecuteAsync(
            new RecordArtifactDownloadCommand(artifact.Id, principal.Name, 0, Math.Max(0, artifact.SizeBytes - 1), false), http.RequestAborted);
        if (!recorded.IsSuccess)
            throw MlflowError.From(recorded.Error!);
        Stream source;
        try
        {
            source = await services.GetRequiredService<IArtifactStore>().OpenReadAsync(artifact.StorageKey, 0, null, http.RequestAborted);
        }
        catch (FileNotFoundException)
        {
            throw MlflowError.DoesNotExist($"The bytes of artifact '{artifact.Name}' are missing from the store.");
        }
        await using (source)
        {
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = "application/octet-stream";
            http.Response.ContentLength = artifact.SizeBytes;
            http.Response.Headers[ArtifactEndpoints.DigestHeader] = artifact.Sha256;
            http.Response.Headers.CacheControl = "private, no-store";
            try
            {
                await source.CopyToAsync(http.Response.Body, 81920, http.RequestAborted);
            }
            catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
            {
                // The client hung up; the download was audited when it began.
            }
        }
    }

    private static async Task UploadAsync(HttpContext http, string path)
    {
        var (version, inside, _) = await ResolveAsync(http, path);
        if (version is null || inside.Length == 0)
            throw MlflowError.InvalidParameter($"Upload to models/<model>/<version>/<file path>, not to '{path}'.");
        var services = http.RequestServices;
        var options = services.GetRequiredService<ArtifactStorageOptions>();
        if (http.Request.ContentLength > options.MaxSizeBytes)
            throw MlflowError.InvalidParameter($"The artifact is larger than the maximum of {options.MaxSizeBytes} bytes.");
        var upload = services.GetRequiredService<UploadArtifact>();
        var command = new UploadArtifactCommand(version.Id, inside, null);
        if (await upload.CheckAsync(command, http.RequestAborted) is { } refused)
            throw MlflowError.From(refused, () => MlflowError.VersionNotFound(version.Model!.Name, version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var result = await ArtifactEndpoints.StoreAsync(http, upload, command, digest: null);
        if (!result.IsSuccess)
            throw MlflowError.From(result.Error!);
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync("{}", http.RequestAborted);
    }
}
