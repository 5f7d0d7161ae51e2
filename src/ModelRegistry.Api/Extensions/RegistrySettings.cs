using ModelRegistry.Api.Backups;
using ModelRegistry.Infrastructure;

namespace ModelRegistry.Api.Extensions;

/// <summary>The host's reading of the configuration contract (environment variables, appsettings, command line).</summary>
public sealed record RegistrySettings(RegistryPersistenceOptions Persistence, string? Seed, bool PrintSchema, bool IdeEnabled)
{
    /// <summary>An operator command (<c>backup DIR</c>, <c>restore DIR [--force]</c>) to run instead of serving.</summary>
    public HostCommand? Command { get; init; }

    /// <summary>Reads Registry:DataDirectory, Registry:Database:Provider, ConnectionStrings:Registry, Registry:Audit:AnchorKeyPath and AnchorPath, Registry:Seed (or --seed), Registry:Ide:Enabled and --print-schema.</summary>
    public static RegistrySettings From(IConfiguration configuration, string[] args)
    {
        var persistence = new RegistryPersistenceOptions
        {
            // Resolved once, against the directory the host was started in, so every consumer agrees on one absolute path.
            DataDirectory = Path.GetFullPath(configuration["Registry:DataDirectory"] ?? "./data"),
            Provider = configuration[RegistryDatabaseProvider.Setting],
            ConnectionString = configuration.GetConnectionString("Registry"),
            AuditAnchorKeyPath = configuration["Registry:Audit:AnchorKeyPath"],
            AuditAnchorPath = configuration["Registry:Audit:AnchorPath"],
        };
        var seed = configuration["Registry:Seed"] ?? configuration["seed"];
        var ideEnabled = configuration.GetValue("Registry:Ide:Enabled", true);
        return new RegistrySettings(persistence, string.IsNullOrWhiteSpace(seed) ? null : seed, args.Contains("--print-schema"), ideEnabled)
        {
            Command = HostCommand.Parse(args),
        };
    }
}
