using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Infrastructure.Postgres;

/// <summary>
/// The registry's context on PostgreSQL. The same model as <see cref="RegistryDbContext"/>; a type of its own so that
/// its migrations (Migrations/Postgres) stay apart from SQLite's, as EF Core keeps one migration set per context type.
/// </summary>
public sealed class PostgresRegistryDbContext(DbContextOptions<PostgresRegistryDbContext> options, ReadVisibilityHolder visibility)
    : RegistryDbContext(options, visibility)
{
    /// <summary>
    /// The collation of every text column: "C" compares and orders by bytes, which for UTF-8 is code point order, the
    /// order of SQLite's BINARY collation. Equality, sorting, cursors and the ordinal text filters then give the same
    /// answers on both providers, whatever locale the operator's database was created with.
    /// </summary>
    public const string TextCollation = "C";

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<string>().UseCollation(TextCollation);
    }
}
