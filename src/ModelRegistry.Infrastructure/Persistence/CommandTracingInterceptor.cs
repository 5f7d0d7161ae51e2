using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using ModelRegistry.Core.Telemetry;

namespace ModelRegistry.Infrastructure.Persistence;

/// <summary>
/// A span for each database command, on the registry's own activity source: one stable mechanism for both providers
/// (OpenTelemetry's EF Core instrumentation is still beta, and SQLite has no ADO.NET instrumentation of its own). The
/// span carries the statement text, whose values are parameters and so never in it. With no tracer listening,
/// <see cref="ActivitySource.StartActivity(string, ActivityKind)"/> returns null and nothing is kept.
/// </summary>
public sealed class CommandTracingInterceptor(string system) : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<Guid, Activity> _running = new();

    /// <inheritdoc />
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Start(command, eventData);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Start(command, eventData);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Start(command, eventData);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Start(command, eventData);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Stop(eventData.CommandId, null);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<DbDataReader> ReaderExecutedAsync(
        DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, null);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Stop(eventData.CommandId, null);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, null);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Stop(eventData.CommandId, null);
        return result;
    }

    /// <inheritdoc />
    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, null);
        return ValueTask.FromResult(result);
    }

    /// <inheritdoc />
    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Stop(eventData.CommandId, eventData.Exception);

    /// <inheritdoc />
    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, eventData.Exception);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Stop(eventData.CommandId, null);

    /// <inheritdoc />
    public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Stop(eventData.CommandId, null);
        return Task.CompletedTask;
    }

    private void Start(DbCommand command, CommandEventData eventData)
    {
        var parent = Activity.Current;
        var span = RegistryTelemetry.Source.StartActivity(Verb(command.CommandText), ActivityKind.Client);
        if (span is null)
            return;
        // The command's span stays a leaf: what EF does between executing and executed is not the command's work.
        Activity.Current = parent;
        span.SetTag("db.system.name", system);
        span.SetTag("db.query.text", command.CommandText);
        _running[eventData.CommandId] = span;
    }

    private void Stop(Guid commandId, Exception? failure)
    {
        if (!_running.TryRemove(commandId, out var span))
            return;
        if (failure is not null)
            span.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
        span.Stop();
    }

    // The statement's first keyword (SELECT, INSERT, PRAGMA...): a span name from a closed set.
    private static string Verb(string text)
    {
        var span = text.AsSpan().TrimStart();
        var end = span.IndexOfAny(" \r\n\t(;");
        var verb = (end < 0 ? span : span[..end]).ToString().ToUpperInvariant();
        return verb.Length is > 0 and <= 16 && verb.All(char.IsAsciiLetter) ? verb : "SQL";
    }
}
