namespace ModelRegistry.Api.Tests.Governance;

/// <summary>The mutations the checked-in schema snapshot serves, so a table of cases can prove it misses none.</summary>
public static class ServedMutations
{
    /// <summary>The field names of <c>type Mutation</c> in schema/schema.graphql.</summary>
    public static IReadOnlySet<string> Names()
    {
        var schema = File.ReadAllText(Path.Combine(RepositoryRoot(), "schema", "schema.graphql"));
        var mutationType = schema[schema.IndexOf("type Mutation {", StringComparison.Ordinal)..];
        mutationType = mutationType[..mutationType.IndexOf("\n}", StringComparison.Ordinal)];
        return mutationType.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && char.IsLower(l[0]) && l.Contains('('))
            .Select(l => l[..l.IndexOf('(')]).ToHashSet();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ModelRegistry.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("The repository root was not found.");
    }
}
