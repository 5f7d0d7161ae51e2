namespace ModelRegistry.Infrastructure;

/// <summary>
/// The database providers the registry can run on, read from <see cref="Setting"/>. A value it cannot serve stops
/// start-up: falling back to SQLite would quietly give an operator who asked for a shared database a private file.
/// </summary>
public static class RegistryDatabaseProvider
{
    /// <summary>The configuration key (environment variable <c>Registry__Database__Provider</c>).</summary>
    public const string Setting = "Registry:Database:Provider";

    /// <summary>The embedded default: one SQLite file in the data directory.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>A shared PostgreSQL database (ConnectionStrings:Registry), for several replicas.</summary>
    public const string Postgres = "Postgres";

    /// <summary>The values this build accepts, case-insensitively.</summary>
    public static IReadOnlyList<string> Accepted { get; } = [Sqlite, Postgres];

    /// <summary>The provider <paramref name="configured"/> names (unset or blank means SQLite), or a start-up error naming the key.</summary>
    public static string Resolve(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
            return Sqlite;
        var known = Accepted.FirstOrDefault(p => string.Equals(p, configured.Trim(), StringComparison.OrdinalIgnoreCase));
        if (known is not null)
            return known;
        throw new InvalidOperationException(
            $"{Setting} (environment variable Registry__Database__Provider) is '{configured}', but the registry knows no such provider. " +
            $"Accepted values: {string.Join(", ", Accepted)}.");
    }
}
