using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Infrastructure.Persistence;

/// <summary>Lets `dotnet ef migrations add` build the context without the web host.</summary>
public sealed class DesignTimeRegistryDbContextFactory : IDesignTimeDbContextFactory<RegistryDbContext>
{
    /// <inheritdoc />
    public RegistryDbContext CreateDbContext(string[] args)
        => new(new DbContextOptionsBuilder<RegistryDbContext>()
            .UseSqlite("Data Source=design-time.db", o => o.MigrationsAssembly(typeof(RegistryDbContext).Assembly.FullName))
            .Options, ReadVisibilityHolder.Unfiltered());
}
