namespace ModelRegistry.Infrastructure;

/// <summary>Where and how the registry stores its state (section "Registry").</summary>
public sealed class RegistryPersistenceOptions
{
    /// <summary>Holds registry.db and artifacts when embedded.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Explicit connection string (ConnectionStrings:Registry); defaults to registry.db in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite connection string in force.</summary>
    public string ResolveSqliteConnectionString()
        => ConnectionString ?? $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "registry.db")};Pooling=True;Default Timeout=30";
}
