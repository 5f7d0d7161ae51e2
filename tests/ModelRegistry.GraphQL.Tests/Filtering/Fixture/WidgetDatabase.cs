using ModelRegistry.GraphQL.Tests.Support;
using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.Json;
using GraphQL;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ModelRegistry.GraphQL.Tests.Filtering.Fixture;

/// <summary>A seeded SQLite file, the widget schema over it, and the SQL it ran.</summary>
public sealed class WidgetDatabase : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"widgets-{Guid.NewGuid():N}.db");
    private readonly SqlRecorder _recorder = new();
    private readonly GraphQLSerializer _serializer = new();

    /// <summary>Creates the file and seeds it.</summary>
    public WidgetDatabase()
    {
        Makers = WidgetSeed.Makers();
        Widgets = WidgetSeed.Widgets(Makers);
        using (var db = CreateContext())
        {
            TestTables.Create(db);
            db.Makers.AddRange(Makers);
            db.Widgets.AddRange(Widgets);
            db.SaveChanges();
        }
        Schema = new Schema { Query = new WidgetQuery(this) };
        Schema.Initialize();
    }

    /// <summary>The seeded makers.</summary>
    public IReadOnlyList<Maker> Makers { get; }

    /// <summary>The seeded widgets, navigations set, for LINQ-to-objects oracles.</summary>
    public IReadOnlyList<Widget> Widgets { get; }

    /// <summary>The widget schema.</summary>
    public ISchema Schema { get; }

    /// <summary>Every SQL command run so far, oldest first.</summary>
    public IReadOnlyCollection<string> Commands => _recorder.Commands;

    /// <summary>A new context on the file.</summary>
    public WidgetDbContext CreateContext()
        => new(new DbContextOptionsBuilder<WidgetDbContext>()
            .UseSqlite($"Data Source={_path}")
            .AddInterceptors(_recorder)
            .Options);

    /// <summary>Executes a GraphQL request through <see cref="DocumentExecuter"/> and returns the serialized response.</summary>
    public async Task<JsonElement> ExecuteAsync(string query, string? variablesJson = null)
    {
        var result = await new DocumentExecuter().ExecuteAsync(options =>
        {
            options.Schema = Schema;
            options.Query = query;
            options.Variables = variablesJson is null ? null : _serializer.Deserialize<Inputs>(variablesJson);
        });
        return JsonDocument.Parse(_serializer.Serialize(result)).RootElement.Clone();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    private sealed class SqlRecorder : DbCommandInterceptor
    {
        private readonly ConcurrentQueue<string> _commands = new();

        public IReadOnlyCollection<string> Commands => _commands;

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            _commands.Enqueue(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
