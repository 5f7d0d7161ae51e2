using Microsoft.EntityFrameworkCore;

namespace ModelRegistry.GraphQL.Tests.Support;

/// <summary>Creates the tables of a toolkit test model from EF's own DDL script (these tiny models have no migrations).</summary>
public static class TestTables
{
    /// <summary>Runs the model's CREATE TABLE/INDEX script against the context's empty database.</summary>
    public static void Create(DbContext db) => db.Database.ExecuteSqlRaw(db.Database.GenerateCreateScript());

    /// <summary>Async form of <see cref="Create"/>.</summary>
    public static Task CreateAsync(DbContext db) => db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
}
