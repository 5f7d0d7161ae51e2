namespace ModelRegistry.Infrastructure;

/// <summary>Where and how the registry stores its state (section "Registry").</summary>
public sealed class RegistryPersistenceOptions
{
    /// <summary>Holds registry.db and artifacts when embedded.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The database provider (Registry:Database:Provider); <see cref="RegistryDatabaseProvider.Sqlite"/> when unset.</summary>
    public string? Provider { get; set; }

    /// <summary>Explicit connection string (ConnectionStrings:Registry); defaults to registry.db in the data directory.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The audit anchor's HMAC key (Registry:Audit:AnchorKeyPath); defaults to keys/audit-anchor.key in the data directory.</summary>
    public string? AuditAnchorKeyPath { get; set; }

    /// <summary>The anchored head of the audit chain (Registry:Audit:AnchorPath); defaults to audit-anchor.json in the data directory.</summary>
    public string? AuditAnchorPath { get; set; }

    /// <summary>The anchor key path in force.</summary>
    public string ResolveAuditAnchorKeyPath() => AuditAnchorKeyPath ?? Path.Combine(Path.GetFullPath(DataDirectory), "keys", "audit-anchor.key");

    /// <summary>The anchor path in force.</summary>
    public string ResolveAuditAnchorPath() => AuditAnchorPath ?? Path.Combine(Path.GetFullPath(DataDirectory), "audit-anchor.json");

    /// <summary>Whether the registry runs on PostgreSQL.</summary>
    public bool IsPostgres => string.Equals(Provider, RegistryDatabaseProvider.Postgres, StringComparison.OrdinalIgnoreCase);

    /// <summary>The PostgreSQL connection string, which has no default: a shared database is always named by the operator.</summary>
    /// <exception cref="InvalidOperationException">ConnectionStrings:Registry is not set.</exception>
    public string ResolvePostgresConnectionString()
        => string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException(
                "Registry:Database:Provider is Postgres, but ConnectionStrings:Registry (environment variable ConnectionStrings__Registry) is not set. " +
                "Set it to the database's Npgsql connection string, e.g. Host=db;Database=registry;Username=registry;Password=...")
            : ConnectionString;

    /// <summary>The SQLite connection string in force.</summary>
    public string ResolveSqliteConnectionString()
        => ConnectionString ?? $"Data Source={Path.Combine(Path.GetFullPath(DataDirectory), "registry.db")};Pooling=True;Default Timeout=30";
}
