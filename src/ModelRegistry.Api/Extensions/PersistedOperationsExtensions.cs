using ModelRegistry.GraphQL.PersistedOperations;

namespace ModelRegistry.Api.Extensions;

/// <summary>
/// Persisted operations from <c>Registry:GraphQL:PersistedOperations:*</c>: the APQ cache's bounds, the trusted-documents
/// manifest and only-persisted mode. The protocol itself lives in the toolkit.
/// </summary>
public static class PersistedOperationsExtensions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Registry:GraphQL:PersistedOperations";

    /// <summary>
    /// Reads the settings and loads the manifest now, so that a missing or malformed manifest stops start-up with a
    /// message naming the file rather than failing the first client that sends a document id.
    /// </summary>
    public static IServiceCollection AddRegistryPersistedOperations(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var manifestPath = section["ManifestPath"];
        var manifest = string.IsNullOrWhiteSpace(manifestPath)
            ? new Dictionary<string, string>()
            : PersistedDocumentManifest.Load(manifestPath);
        var only = section.GetValue("Only", false);
        if (only && manifest.Count == 0)
            throw new InvalidOperationException(
                $"{Section}:Only is true but no manifest was loaded; set {Section}:ManifestPath to the trusted documents, or nothing could run.");
        services.Configure<PersistedOperationOptions>(o =>
        {
            o.MaxEntries = section.GetValue("MaxEntries", o.MaxEntries);
            o.MaxBytes = section.GetValue("MaxBytes", o.MaxBytes);
            o.Manifest = manifest;
            o.OnlyPersisted = only;
        });
        return services;
    }
}
