using System.Diagnostics;

namespace ModelRegistry.Api.Tests.Deployment;

/// <summary>What the README's commands write into a working copy stays out of git.</summary>
public sealed class RepositoryIgnoreTests
{
    [Theory]
    [InlineData("data/registry.db")]
    [InlineData("data/keys/key-0b1c2d3e.xml")]
    [InlineData("src/ModelRegistry.Api/data/registry.db")]
    [InlineData("src/ModelRegistry.Api/data/keys/key-0b1c2d3e.xml")]
    [InlineData("packages/ModelRegistry.Cli.1.0.0.nupkg")]
    public async Task A_file_the_readme_commands_write_is_ignored_by_git(string path)
    {
        var (exitCode, output) = await GitAsync("check-ignore", "--no-index", "--verbose", path);

        Assert.True(exitCode == 0, $"git does not ignore {path}: {output}");
    }

    private static async Task<(int ExitCode, string Output)> GitAsync(params string[] arguments)
    {
        using var git = Process.Start(new ProcessStartInfo("git", arguments)
        {
            WorkingDirectory = RepositoryFiles.Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = git.StandardOutput.ReadToEndAsync();
        var error = await git.StandardError.ReadToEndAsync();
        await git.WaitForExitAsync();
        return (git.ExitCode, await output + error);
    }
}
