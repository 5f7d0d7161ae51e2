using ModelRegistry.Core.Artifacts;
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
        services.AddSingleton<ArtifactUrlSigner>();
        services.AddHostedService<ArtifactStorePreparation>();
        return services;
    }
}

/// <summary>Prepares the store before the host serves requests, so a missing container or folder fails start-up, not an upload.</summary>
public sealed class ArtifactStorePreparation(IArtifactStore store) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => store.PrepareAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
