using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Tests.Persistence;

/// <summary>
/// The SQLite pragmas run once per native connection, not on every open of a pooled one; every connection the registry
/// uses must still have them: a busy writer is waited for, foreign keys hold, and syncs happen at checkpoints.
/// </summary>
[Trait("Category", TestDatabase.SqliteOnly)]
public sealed class SqlitePragmaTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    [Fact]
    public async Task Every_pooled_open_has_the_pragmas()
    {
        _ = factory.CreateClient();
        for (var open = 0; open < 20; open++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
            await db.Database.OpenConnectionAsync();
            try
            {
                var foreignKeys = await db.Database.SqlQueryRaw<long>("SELECT foreign_keys AS Value FROM pragma_foreign_keys").SingleAsync();
                var busyTimeout = await db.Database.SqlQueryRaw<long>("SELECT timeout AS Value FROM pragma_busy_timeout").SingleAsync();
                var synchronous = await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();
                Assert.Equal((1, 10_000, 1), (foreignKeys, busyTimeout, synchronous));
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
