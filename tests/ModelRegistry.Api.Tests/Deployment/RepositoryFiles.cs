namespace ModelRegistry.Api.Tests.Deployment;

/// <summary>Reads files of the repository the tests were built from.</summary>
public static class RepositoryFiles
{
    private static readonly Lazy<string> RootDirectory = new(FindRoot);

    /// <summary>The folder that holds ModelRegistry.sln.</summary>
    public static string Root => RootDirectory.Value;

    /// <summary>Reads a file given by its path relative to the repository root.</summary>
    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    private static string FindRoot()
    {
        // The test assembly runs from bin/<configuration>/<framework>, a few levels below the root.
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelRegistry.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"ModelRegistry.sln was not found above {AppContext.BaseDirectory}.");
    }
}
