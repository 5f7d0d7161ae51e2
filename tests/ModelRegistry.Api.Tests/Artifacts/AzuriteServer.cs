using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;
using ModelRegistry.Api.Tests.Deployment;

namespace ModelRegistry.Api.Tests.Artifacts;

/// <summary>
/// A real Azurite blob service (npm azurite, installed into tests/e2e by scripts/prerequisites.sh) on a free loopback port,
/// in memory, started for one fixture and stopped with it.
/// </summary>
public sealed class AzuriteServer : IAsyncLifetime
{
    // Azurite's documented development account; it only ever exists inside this throwaway emulator.
    private const string Account = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly string _workDirectory = Path.Combine(Path.GetTempPath(), "model-registry-azurite", Guid.NewGuid().ToString("N"));
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();
    private Process? _process;

    /// <summary>The blob port Azurite listens on.</summary>
    public int Port { get; private set; }

    /// <summary>A connection string for the emulator's development account.</summary>
    public string ConnectionString
        => $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/{Account};";

    /// <summary>A client of a container (not created here).</summary>
    public BlobContainerClient Container(string name) => new(ConnectionString, name);

    /// <summary>Starts Azurite and waits until it accepts connections; fails loudly when it is not installed.</summary>
    public async Task InitializeAsync()
    {
        var executable = Path.Combine(RepositoryFiles.Root, "tests", "e2e", "node_modules", ".bin", "azurite-blob");
        if (!File.Exists(executable))
            Assert.Fail($"Azurite is not installed ({executable} is missing). Run scripts/prerequisites.sh, which runs npm ci in tests/e2e.");
        Directory.CreateDirectory(_workDirectory);
        Port = FreePort();
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = _workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
                 {
                     "--inMemoryPersistence", "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--skipApiVersionCheck", "--loose",
                 })
            start.ArgumentList.Add(argument);
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await AcceptsAsync(Port))
        {
            if (_process.HasExited)
                Assert.Fail($"Azurite exited with code {_process.ExitCode} before listening ({string.Join(" | ", _output)}); "
                            + "run scripts/prerequisites.sh to reinstall it.");
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Azurite did not listen on 127.0.0.1:{Port} within 60 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Stops Azurite and removes its folder.</summary>
    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left under the temp folder; not worth failing a run for.
        }
    }

    private void Keep(string? line)
    {
        if (line is not null && _output.Count < 50)
            _output.Enqueue(line);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
