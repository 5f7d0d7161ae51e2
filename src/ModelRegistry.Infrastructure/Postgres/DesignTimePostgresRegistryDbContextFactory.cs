using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Infrastructure.Postgres;

/// <summary>Lets `dotnet ef migrations add --context PostgresRegistryDbContext` build the context without a database.</summary>
public sealed class DesignTimePostgresRegistryDbContextFactory : IDesignTimeDbContextFactory<PostgresRegistryDbContext>
{
    /// <inheritdoc />
    public PostgresRegistryDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<PostgresRegistryDbContext>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", o => o.MigrationsAssembly(typeof(PostgresRegistryDbContext).Assembly.FullName))
            .Options, ReadVisibilityHolder.Unfiltered());
}
