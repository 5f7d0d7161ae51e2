using System.Collections.Concurrent;
using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Tests.Lineage;

/// <summary>The Api over a fresh SQLite file in a temporary folder, recording every SQL command EF sends.</summary>
public sealed class LineageApiFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "registry-lineage-" + Guid.NewGuid().ToString("N"));

    /// <summary>The SQL text of every command run since the last <see cref="CommandLog.Clear"/>.</summary>
    public CommandLog Commands { get; } = new();

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Registry:DataDirectory", _dataDirectory);
        builder.UseTestDatabase(_dataDirectory);
        builder.UseBootstrapAdminKey();
        builder.ConfigureServices(services =>
            services.ConfigureDbContext<RegistryDbContext>(o => o.AddInterceptors(Commands))
                .ConfigureDbContext<ModelRegistry.Infrastructure.Postgres.PostgresRegistryDbContext>(o => o.AddInterceptors(Commands)));
    }

    /// <summary>Runs a GraphQL document over HTTP POST as the bootstrap admin and returns the response body.</summary>
    public async Task<JsonElement> GraphQLAsync(string query, object? variables = null)
    {
        using var client = CreateClient().AsAdmin();
        using var response = await client.PostAsJsonAsync("/graphql", new { query, variables });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Runs SQL straight against the registry database, bypassing every rule of the write path.</summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ReadVisibilityHolder>().ForSystem();
        await scope.ServiceProvider.GetRequiredService<RegistryDbContext>().Database.ExecuteSqlRawAsync(sql);
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            TestDatabase.DropAsync(_dataDirectory).GetAwaiter().GetResult();
        if (disposing && Directory.Exists(_dataDirectory))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}

/// <summary>Records the text of the commands EF executes.</summary>
public sealed class CommandLog : DbCommandInterceptor
{
    private readonly ConcurrentQueue<string> _texts = new();

    /// <summary>Commands recorded so far, in order.</summary>
    public IReadOnlyList<string> Texts => _texts.ToList();

    /// <summary>Forgets what was recorded.</summary>
    public void Clear() => _texts.Clear();

    // The PostgreSQL event relay reads the log in the background after each commit; its reads are not the query's.
    private void Record(string text)
    {
        if (!text.Contains(ModelRegistry.Infrastructure.Events.PostgresEventRelay.QueryTag, StringComparison.Ordinal))
            _texts.Enqueue(text);
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command.CommandText);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }
}
