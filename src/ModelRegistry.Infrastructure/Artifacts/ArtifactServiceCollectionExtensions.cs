using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Core.Artifacts;

namespace ModelRegistry.Infrastructure.Artifacts;

/// <summary>Registers the configured artifact store and the artifact use cases.</summary>
public static class ArtifactServiceCollectionExtensions
{
    /// <summary>Adds the store chosen by <see cref="ArtifactStorageOptions.Provider"/>; the file system one lives in <c>{dataDirectory}/artifacts</c>.</summary>
    public static IServiceCollection AddRegistryArtifacts(this IServiceCollection services, ArtifactStorageOptions options, string dataDirectory)
    {
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<IArtifactStore>(_ => options.Provider == ArtifactStorageOptions.AzureBlob
            ? new AzureBlobArtifactStore(new BlobContainerClient(options.ConnectionString, options.Container), options.BlockSizeBytes)
            : new FileSystemArtifactStore(Path.Combine(Path.GetFullPath(dataDirectory), "artifacts")));
        services.AddScoped<UploadArtifact>().AddScoped<DeleteArtifact>().AddScoped<RecordArtifactDownload>();
        return services;
    }
}
