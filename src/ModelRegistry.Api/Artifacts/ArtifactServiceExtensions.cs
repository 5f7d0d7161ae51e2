using ModelRegistry.Core.Artifacts;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Artifacts;

namespace ModelRegistry.Api.Artifacts;

/// <summary>Wires artifacts into the host: the store from <c>Registry:Artifacts:*</c>, URL signing and start-up preparation.</summary>
public static class ArtifactServiceExtensions
{
    /// <summary>Registers the store, the use cases, the signer, and the start-up step that creates the folder or container.</summary>
    public static IServiceCollection AddRegistryArtifacts(this IServiceCollection services, IConfiguration configuration, string dataDirectory)
    {
        var options = configuration.GetSection("Registry:Artifacts").Get<ArtifactStorageOptions>() ?? new ArtifactStorageOptions();
        services.AddRegistryArtifacts(options, dataDirectory);
        services.AddSingleton(sp => new ArtifactUrlSigner(
            ArtifactUrlSigner.KeyFor(options, sp.GetRequiredService<RegistryPersistenceOptions>(), sp), options, sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<ArtifactStorePreparation>();
        return services;
    }
}

/// <summary>Prepares the store before the host serves requests, so a missing container or folder fails start-up, not an upload.</summary>
public sealed class ArtifactStorePreparation(
    IArtifactStore store, ArtifactStorageOptions options, RegistryPersistenceOptions persistence, ILogger<ArtifactStorePreparation> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // PostgreSQL is how the registry runs as several replicas; each would otherwise keep artifacts only it can serve.
        if (persistence.IsPostgres && options.Provider == ArtifactStorageOptions.FileSystem)
            logger.LogWarning(
                "Artifacts are stored on the file system (Registry:Artifacts:Provider=FileSystem) while the registry runs on PostgreSQL. " +
                "With more than one replica, every replica must mount the same shared volume at its artifact folder, or use Registry:Artifacts:Provider=AzureBlob; " +
                "otherwise an artifact uploaded through one replica is missing on the others.");
        return store.PrepareAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
