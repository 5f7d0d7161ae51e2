using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ModelRegistry.Api.Tests.Monitoring;

/// <summary>
/// A real Prometheus serving a backfilled fixture: a histogram of feature "age" over edges 10, 20, 30 with a baseline-like
/// hour (equal shares per bin) followed by a shifted hour, written as OpenMetrics with timestamps hours in the past,
/// turned into blocks by promtool and served on a free loopback port.
/// </summary>
public sealed class PrometheusServer : IAsyncLifetime
{
    /// <summary>The metric's name (without _bucket).</summary>
    public const string Metric = "model_feature_value";

    /// <summary>The label selector of the fixture's series.</summary>
    public const string Selector = "deployment=\"e2e\"";

    /// <summary>The bucket edges of the fixture.</summary>
    public static readonly double[] Edges = [10, 20, 30];

    /// <summary>Observations per bin added every five minutes in the first hour: equal shares, like the baseline.</summary>
    public static readonly int[] FirstHour = [5, 5, 5, 5];

    /// <summary>Observations per bin added every five minutes in the second hour: shifted to the upper bins.</summary>
    public static readonly int[] SecondHour = [1, 2, 7, 10];

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "model-registry-prometheus", Guid.NewGuid().ToString("N"));
    private Process? _process;

    /// <summary>Start of the fixture (a whole hour, eight hours ago).</summary>
    public DateTime Start { get; } = WholeHour(DateTime.UtcNow).AddHours(-8);

    // One reading of the clock: two readings would differ by a few ticks, leaving the start just off the hour.
    private static DateTime WholeHour(DateTime now) => new(now.Ticks - now.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);

    /// <summary>The base URL, e.g. http://127.0.0.1:41234.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Writes, backfills and starts; fails loudly when Prometheus is not installed.</summary>
    public async Task InitializeAsync()
    {
        var prometheus = Tool("prometheus");
        var promtool = Tool("promtool");
        Directory.CreateDirectory(_directory);
        var fixture = Path.Combine(_directory, "fixture.om");
        await File.WriteAllTextAsync(fixture, OpenMetrics());
        await RunAsync(promtool, $"tsdb create-blocks-from openmetrics {fixture} {Path.Combine(_directory, "data")}");
        var config = Path.Combine(_directory, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1h\nscrape_configs: []\n");
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        _process = Process.Start(new ProcessStartInfo(prometheus,
            $"--config.file={config} --storage.tsdb.path={Path.Combine(_directory, "data")} --web.listen-address=127.0.0.1:{port} " +
            "--storage.tsdb.retention.time=3650d")
        { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                using var ready = await http.GetAsync($"{Url}/-/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"Prometheus did not become ready on {Url} within 30 s.");
    }

    /// <summary>Stops Prometheus (the retry test calls this before the last window).</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    /// <summary>Stops Prometheus and deletes its data.</summary>
    public Task DisposeAsync()
    {
        Stop();
        _process?.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left under the temp folder.
        }
        return Task.CompletedTask;
    }

    private string OpenMetrics()
    {
        var text = new StringBuilder($"# TYPE {Metric} histogram\n");
        var steps = Enumerable.Range(0, 25).ToList(); // every 5 minutes over two hours, both ends included
        long Unix(int step) => (long)(Start.AddMinutes(5 * step) - DateTime.UnixEpoch).TotalSeconds;
        int[] Cumulative(int step)
        {
            var bins = new int[4];
            for (var s = 1; s <= step; s++)
                for (var i = 0; i < 4; i++)
                    bins[i] += (s <= 12 ? FirstHour : SecondHour)[i];
            for (var i = 1; i < 4; i++)
                bins[i] += bins[i - 1];
            return bins;
        }
        var labels = Edges.Select(e => e.ToString("0.0", CultureInfo.InvariantCulture)).Append("+Inf").ToArray();
        for (var i = 0; i < labels.Length; i++)
            foreach (var step in steps)
                text.Append(CultureInfo.InvariantCulture,
                    $"{Metric}_bucket{{{Selector},feature=\"age\",le=\"{labels[i]}\"}} {Cumulative(step)[i]} {Unix(step)}\n");
        foreach (var step in steps)
            text.Append(CultureInfo.InvariantCulture, $"{Metric}_count{{{Selector},feature=\"age\"}} {Cumulative(step)[3]} {Unix(step)}\n");
        return text.Append("# EOF\n").ToString();
    }

    private static string Tool(string name)
    {
        var path = Path.Combine("/usr/bin", name);
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"'{name}' is not installed: the drift end-to-end tests need a real Prometheus. Run scripts/prerequisites.sh (apt-get install -y prometheus).");
    }

    private static async Task RunAsync(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {error} {await output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
