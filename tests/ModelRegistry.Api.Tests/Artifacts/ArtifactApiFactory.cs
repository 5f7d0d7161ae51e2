using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Artifacts;
using ModelRegistry.Infrastructure.Artifacts;

namespace ModelRegistry.Api.Tests.Artifacts;

/// <summary>
/// The Api on real Kestrel (so clients can really hang up mid-upload) in Production, with a 1 MiB artifact limit, a clock
/// the tests can move, and the store wrapped so a test can wait for a write to finish.
/// </summary>
public abstract class ArtifactApiFactory : RegistryApiFactory
{
    /// <summary>The artifact size limit of these hosts.</summary>
    public const long MaxSizeBytes = 1024 * 1024;

    /// <summary>Builds the host on Kestrel with a dynamic loopback port.</summary>
    protected ArtifactApiFactory() => UseKestrel(0);

    /// <summary>The clock of the host; move it to expire download URLs without waiting.</summary>
    public ShiftedClock Clock { get; } = new();

    /// <summary>Keys of the store's writes as they begin.</summary>
    public BlockingCollection<string> WritesStarted { get; } = new();

    /// <summary>Outcomes of the store's writes, in completion order: null for a success, the exception otherwise.</summary>
    public BlockingCollection<Exception?> Writes { get; } = new();

    /// <summary>Everything the store holds: files (temporary ones too) or committed blobs.</summary>
    public abstract Task<IReadOnlyList<string>> StoredObjectsAsync();

    /// <summary>Sets the store's provider settings.</summary>
    protected abstract void ConfigureStore(IWebHostBuilder builder);

    /// <summary>An HTTP client with an API key.</summary>
    public HttpClient Http(string? apiKey = null)
    {
        var http = CreateClient();
        if (apiKey is not null)
            http.DefaultRequestHeaders.Add(TestCredentials.Header, apiKey);
        return http;
    }

    /// <summary>An HTTP client as the bootstrap admin.</summary>
    public HttpClient AdminHttp() => Http(TestCredentials.AdminKey);

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
        builder.UseSetting("Registry:Artifacts:MaxSizeBytes", MaxSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Registry:Artifacts:BlockSizeBytes", (64 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
        ConfigureStore(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            var real = services.Single(d => d.ServiceType == typeof(IArtifactStore));
            services.Remove(real);
            services.AddSingleton<IArtifactStore>(sp => new ObservedStore((IArtifactStore)real.ImplementationFactory!(sp), WritesStarted, Writes));
        });
    }

    /// <summary>Starts Kestrel (instead of the in-memory test server) and installs the immediate promotion policy.</summary>
    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        StartServer();
        await ImmediatePromotionPolicy.ApplyAsync(Services);
    }

    /// <summary>Reports each write to <see cref="WritesStarted"/> as it begins and to <see cref="Writes"/> as it ends.</summary>
    private sealed class ObservedStore(IArtifactStore inner, BlockingCollection<string> started, BlockingCollection<Exception?> writes) : IArtifactStore
    {
        public Task PrepareAsync(CancellationToken cancellationToken) => inner.PrepareAsync(cancellationToken);

        public async Task<StoredBytes> WriteAsync(string key, Stream content, ArtifactWriteOptions options, CancellationToken cancellationToken)
        {
            started.Add(key, CancellationToken.None);
            try
            {
                var stored = await inner.WriteAsync(key, content, options, cancellationToken);
                writes.Add(null, CancellationToken.None);
                return stored;
            }
            catch (Exception e)
            {
                writes.Add(e, CancellationToken.None);
                throw;
            }
        }

        public Task<Stream> OpenReadAsync(string key, long offset, long? length, CancellationToken cancellationToken)
            => inner.OpenReadAsync(key, offset, length, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken) => inner.DeleteAsync(key, cancellationToken);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);
    }
}

/// <summary>The system clock moved by an offset the test sets.</summary>
public sealed class ShiftedClock : TimeProvider
{
    /// <summary>How far ahead of the system clock this clock runs.</summary>
    public TimeSpan Offset { get; set; }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}

/// <summary>The artifact host on the file-system store.</summary>
public sealed class FileSystemArtifactApiFactory : ArtifactApiFactory
{
    /// <inheritdoc />
    public override Task<IReadOnlyList<string>> StoredObjectsAsync()
    {
        var root = Path.Combine(DataDirectory, "artifacts");
        return Task.FromResult<IReadOnlyList<string>>(Directory.Exists(root)
            ? Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order().ToList()
            : []);
    }

    /// <inheritdoc />
    protected override void ConfigureStore(IWebHostBuilder builder) => builder.UseSetting("Registry:Artifacts:Provider", "FileSystem");
}

/// <summary>The artifact host on the Azure Blob store, against an Azurite of its own.</summary>
public sealed class AzureBlobArtifactApiFactory : ArtifactApiFactory
{
    private readonly AzuriteServer _azurite = new();
    private readonly string _container = "api-" + Guid.NewGuid().ToString("N");

    /// <inheritdoc />
    public override async Task<IReadOnlyList<string>> StoredObjectsAsync()
    {
        var names = new List<string>();
        await foreach (var blob in _azurite.Container(_container).GetBlobsAsync())
            names.Add(blob.Name);
        return names.Order().ToList();
    }

    /// <inheritdoc />
    protected override void ConfigureStore(IWebHostBuilder builder)
    {
        builder.UseSetting("Registry:Artifacts:Provider", "AzureBlob");
        builder.UseSetting("Registry:Artifacts:ConnectionString", _azurite.ConnectionString);
        builder.UseSetting("Registry:Artifacts:Container", _container);
    }

    /// <summary>Starts Azurite before the host, whose start-up creates the container.</summary>
    public override async Task InitializeAsync()
    {
        await _azurite.InitializeAsync();
        await base.InitializeAsync();
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _azurite.DisposeAsync();
    }
}
