using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Infrastructure;

namespace ModelRegistry.Bench.Query;

/// <summary>Writes the synthetic registry: the Api's migrations make the schema, raw prepared inserts fill it in one transaction.</summary>
public static class RegistryGenerator
{
    private const int Seed = 20261128;
    private static readonly DateTime Epoch = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Creates <paramref name="dataDirectory"/>/registry.db from scratch and reports the load time.</summary>
    public static async Task GenerateAsync(string dataDirectory, TextWriter log)
    {
        var databasePath = Path.Combine(Path.GetFullPath(dataDirectory), "registry.db");
        Directory.CreateDirectory(Path.GetFullPath(dataDirectory));
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(databasePath + suffix);

        var migrate = Stopwatch.StartNew();
        await using (var services = new ServiceCollection()
                         .AddLogging()
                         .AddRegistryInfrastructure(new RegistryPersistenceOptions { DataDirectory = dataDirectory })
                         .BuildServiceProvider())
        {
            await services.MigrateRegistryAsync();
        }
        SqliteConnection.ClearAllPools();
        log.WriteLine($"schema by migrations: {migrate.ElapsedMilliseconds} ms");

        var load = Stopwatch.StartNew();
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144; PRAGMA foreign_keys = OFF;");
        await using (var transaction = connection.BeginTransaction())
        {
            var random = new Random(Seed);
            var counts = new Dictionary<string, long>
            {
                ["Datasets"] = InsertDatasets(connection, transaction),
                ["ConsumerApplications"] = InsertConsumers(connection, transaction),
                ["Models"] = InsertModels(connection, transaction, random),
                ["ModelVersions+Metrics+Deployments"] = InsertVersions(connection, transaction, random),
                ["LineageEdges"] = LineageEdgeWriter.Insert(connection, transaction, random),
            };
            transaction.Commit();
            foreach (var (table, rows) in counts)
                log.WriteLine($"{table}: {rows:N0} rows");
        }
        Execute(connection, "PRAGMA synchronous = NORMAL; PRAGMA wal_checkpoint(TRUNCATE);");
        log.WriteLine($"load: {load.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The text EF's SQLite provider stores for a UTC timestamp.</summary>
    public static string Stamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);

    /// <summary>A deterministic timestamp <paramref name="seconds"/> after the bench epoch.</summary>
    public static string StampAfter(long seconds) => Stamp(Epoch.AddSeconds(seconds));

    /// <summary>A prepared insert whose parameters are named $p0..$pN in column order.</summary>
    public static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < columns.Length; i++)
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        command.Prepare();
        return command;
    }

    /// <summary>Binds <paramref name="values"/> in column order and runs the insert.</summary>
    public static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long InsertDatasets(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var datasets = Prepare(connection, transaction, "Datasets", "Id", "Name", "Description", "Owner", "CreatedAt", "CreatedBy");
        using var versions = Prepare(connection, transaction, "DatasetVersions", "Id", "DatasetId", "Version", "Uri", "Sha256", "RowCount", "CreatedAt", "CreatedBy");
        for (var d = 1; d <= RegistryShape.Datasets; d++)
        {
            Run(datasets, d, $"dataset-{d:D4}", "Synthetic bench dataset.", $"team-{d % 50:D2}", StampAfter(d), "bench");
            for (var k = 1; k <= RegistryShape.VersionsPerDataset; k++)
            {
                var id = (d - 1) * RegistryShape.VersionsPerDataset + k;
                Run(versions, id, d, $"v{k}", $"s3://bench/dataset-{d:D4}/v{k}", null, 1000L * k, StampAfter(d * 100 + k), "bench");
            }
        }
        return RegistryShape.Datasets + RegistryShape.DatasetVersions;
    }

    private static long InsertConsumers(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var consumers = Prepare(connection, transaction, "ConsumerApplications", "Id", "Name", "Owner", "CreatedAt");
        for (var c = 1; c <= RegistryShape.Consumers; c++)
            Run(consumers, c, $"consumer-{c:D4}", $"team-{c % 50:D2}", StampAfter(c));
        return RegistryShape.Consumers;
    }

    private static long InsertModels(SqliteConnection connection, SqliteTransaction transaction, Random random)
    {
        using var models = Prepare(connection, transaction, "Models",
            "Id", "Name", "DisplayName", "Description", "Task", "Owner", "Tags", "BusinessContext", "CreatedAt", "CreatedBy", "UpdatedAt", "LastVersionNumber");
        var tasks = new[] { "Classification", "Regression", "Ranking", "Forecasting", "Clustering", "Generation", "Embedding", "Other" };
        for (var m = 1; m <= RegistryShape.Models; m++)
        {
            var created = StampAfter(m * 60L);
            Run(models, m, $"model-{m:D5}", $"Model {m}", "Synthetic bench model.", tasks[m % tasks.Length], $"team-{m % 50:D2}",
                JsonSerializer.Serialize(PickTags(random)), null, created, "bench", created, RegistryShape.VersionsPerModel);
        }
        return RegistryShape.Models;
    }

    private static long InsertVersions(SqliteConnection connection, SqliteTransaction transaction, Random random)
    {
        using var versions = Prepare(connection, transaction, "ModelVersions",
            "Id", "ModelId", "Number", "Stage", "Description", "CreatedAt", "CreatedBy", "Framework", "HyperparametersJson", "Tags");
        using var metrics = Prepare(connection, transaction, "Metrics", "ModelVersionId", "Name", "Value", "Split");
        using var deployments = Prepare(connection, transaction, "Deployments",
            "Id", "ModelVersionId", "Environment", "Endpoint", "Platform", "Status", "TrafficPercent", "DeployedAt", "DeployedBy");
        long rows = 0;
        for (var m = 1; m <= RegistryShape.Models; m++)
        {
            for (var n = 1; n <= RegistryShape.VersionsPerModel; n++)
            {
                var id = RegistryShape.VersionId(m, n);
                var stage = n == RegistryShape.VersionsPerModel ? "Production" : n == RegistryShape.VersionsPerModel - 1 ? "Staging" : n < 4 ? "Archived" : "Development";
                var created = StampAfter(id * 60L);
                Run(versions, id, m, n, stage, null, created, "bench", "pytorch", "{\"lr\":0.001}", JsonSerializer.Serialize(PickTags(random)));
                foreach (var name in RegistryShape.MetricNames)
                    Run(metrics, id, name, Math.Round(0.5 + random.NextDouble() * 0.5, 4), "test");
                Run(deployments, id, id, n % 2 == 0 ? "production" : "staging", $"https://serve.bench/{id}", "kserve",
                    n == RegistryShape.VersionsPerModel ? "Active" : "Retired", 100, created, "bench");
                rows += 2 + RegistryShape.MetricNames.Length;
            }
        }
        return rows;
    }

    private static string[] PickTags(Random random)
    {
        var vocabulary = RegistryShape.TagVocabulary;
        var first = random.Next(vocabulary.Length);
        var second = (first + 1 + random.Next(vocabulary.Length - 1)) % vocabulary.Length;
        string third;
        do third = vocabulary[random.Next(vocabulary.Length)];
        while (third == vocabulary[first] || third == vocabulary[second]);
        return [vocabulary[first], vocabulary[second], third];
    }
}
