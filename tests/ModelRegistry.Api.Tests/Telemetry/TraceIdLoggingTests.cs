using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text.RegularExpressions;
using ModelRegistry.Api.Tests.Deployment;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Telemetry;

/// <summary>
/// With traces exported, the registry's console log names each line's trace, as an operator reads it: the built Api run
/// as a process, its standard output read line by line.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed partial class TraceIdLoggingTests : IDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "model-registry-trace-log", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task With_an_OTLP_endpoint_a_request_s_log_lines_carry_its_trace_id()
    {
        var lines = new ConcurrentQueue<string>();
        var port = FreePort();
        using var api = Start(port, lines);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilHealthyAsync(http, api, lines);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
            request.Headers.Add(TestCredentials.Header, "not-a-key-of-this-registry");

            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);

            var deadline = DateTime.UtcNow.AddSeconds(10);
            int refused;
            while ((refused = lines.ToList().FindIndex(l => l.Contains("Refused an API key", StringComparison.Ordinal))) < 0 && DateTime.UtcNow < deadline)
                await Task.Delay(100);
            var output = lines.ToList();
            Assert.True(refused > 0, string.Join('\n', output.TakeLast(40)));
            Assert.Matches(TraceScope(), output[refused - 1]);
        }
        finally
        {
            api.Kill(entireProcessTree: true);
            await api.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp folder; a file still held open must not fail the run.
        }
    }

    // The build the tests run on, with nothing of this shell's registry configuration; the exporter points at a port
    // nobody listens on, which costs the test nothing (export failures are the exporter's business, not the request's).
    private Process Start(int port, ConcurrentQueue<string> lines)
    {
        var configuration = typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var assembly = Path.Combine(RepositoryFiles.Root, "src", "ModelRegistry.Api", "bin", configuration, "net10.0", "ModelRegistry.Api.dll");
        var start = new ProcessStartInfo("dotnet", [assembly, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("Registry__", StringComparison.Ordinal) || k.StartsWith("Logging__", StringComparison.Ordinal)
                     || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
                     || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(variable);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Registry__DataDirectory"] = dataDirectory;
        start.Environment["Registry__Auth__BootstrapAdminKey"] = TestCredentials.AdminKey;
        start.Environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{FreePort()}";
        start.Environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lines.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilHealthyAsync(HttpClient http, Process api, ConcurrentQueue<string> lines)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !api.HasExited)
        {
            try
            {
                if ((await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        Assert.Fail($"The Api did not become healthy:\n{string.Join('\n', lines.TakeLast(40))}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // The logging scope the console prints above a request's lines: "=> SpanId:<16 hex>, TraceId:<32 hex> => ...".
    [GeneratedRegex(@"=> SpanId:[0-9a-f]{16}, TraceId:[0-9a-f]{32}")]
    private static partial Regex TraceScope();
}
