using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ModelRegistry.Infrastructure.Persistence;

/// <summary>
/// Sets per-connection SQLite pragmas: wait for a busy writer instead of failing, enforce foreign keys, and sync at
/// checkpoints only. They belong to the native connection, which the provider's pool keeps open between uses, so they
/// run once per native connection, not on every open of a pooled one (one statement less on every request).
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    // Native connections that have their pragmas; weak, so a connection the pool drops takes its entry with it.
    private static readonly ConditionalWeakTable<object, object> Prepared = [];

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!NeedsPragmas(connection, out var handle))
            return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        if (handle is not null)
            Prepared.AddOrUpdate(handle, Prepared);
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (!NeedsPragmas(connection, out var handle))
            return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        if (handle is not null)
            Prepared.AddOrUpdate(handle, Prepared);
    }

    private static bool NeedsPragmas(DbConnection connection, out object? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is null || !Prepared.TryGetValue(handle, out _);
    }
}
