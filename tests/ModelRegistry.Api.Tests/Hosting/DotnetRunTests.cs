using ModelRegistry.Api.Tests.Fixtures;
using System.Diagnostics;
using System.Reflection;
using ModelRegistry.Api.Tests.Deployment;

namespace ModelRegistry.Api.Tests.Hosting;

/// <summary>
/// The README's <c>dotnet run --project src/ModelRegistry.Api</c>, run for real: with no configuration the registry keeps its
/// data in <c>./data</c> of the directory the command was typed in, not inside the source tree.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class DotnetRunTests : IDisposable
{
    private readonly string workingDirectory = Path.Combine(Path.GetTempPath(), "model-registry-dotnet-run", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Dotnet_run_without_configuration_keeps_the_registry_under_data_of_the_current_directory()
    {
        Directory.CreateDirectory(workingDirectory);
        var expected = Path.Combine(workingDirectory, "data", "registry.db");

        using var run = StartDotnetRun();
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(120);
            while (!File.Exists(expected) && !run.HasExited && DateTime.UtcNow < deadline)
                await Task.Delay(250);

            Assert.True(File.Exists(expected),
                $"registry.db did not appear in {Path.GetDirectoryName(expected)}; the host exited: {run.HasExited}. " +
                $"In the project folder: {File.Exists(Path.Combine(RepositoryFiles.Root, "src", "ModelRegistry.Api", "data", "registry.db"))}.");
        }
        finally
        {
            run.Kill(entireProcessTree: true);
            await run.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Under the temp folder; a file still held open must not fail the run.
        }
    }

    // The build the tests run on (--no-build), on a port of its own (--urls wins over the launch profile's).
    private Process StartDotnetRun()
    {
        var configuration = typeof(Program).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo("dotnet",
            ["run", "--project", Path.Combine(RepositoryFiles.Root, "src", "ModelRegistry.Api"), "-c", configuration, "--no-build", "--", "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var variable in start.Environment.Keys.Where(k => k.StartsWith("Registry__", StringComparison.Ordinal)
                     || k.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(variable);
        var process = Process.Start(start)!;
        // Drained so a chatty host never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
