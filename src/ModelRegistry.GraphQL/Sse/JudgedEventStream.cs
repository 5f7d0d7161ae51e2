using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.WebSockets;

namespace ModelRegistry.GraphQL.Sse;

/// <summary>
/// An open subscription over an event stream, judged again whenever the rights it was opened with may have changed (a
/// revoked key or role, through <see cref="OpenSockets.Rejudge"/>) and when its credential expires. An event stream
/// cannot carry a close code, so a stream that lost its rights ends with one coded error event and then <c>complete</c>.
/// Results wait for the latest verdict, so none produced after a revocation is written under the old rights.
/// </summary>
internal sealed class JudgedEventStream : IJudgedConnection, IDisposable
{
    private readonly GraphQLRequestExecutor executor;
    private readonly IServiceScopeFactory scopes;
    private readonly CancellationTokenSource ended = new();
    private readonly Lock gate = new();
    private Task verdict = Task.CompletedTask;
    private volatile GraphQLUserContext userContext;
    private ExecutionError? reason;
    private Timer? expiry;

    public JudgedEventStream(GraphQLRequestExecutor executor, IServiceProvider services, GraphQLUserContext userContext)
    {
        this.executor = executor;
        scopes = services.GetRequiredService<IServiceScopeFactory>();
        this.userContext = userContext;
        if (userContext.ValidUntil is { } validUntil)
        {
            var remaining = validUntil - DateTimeOffset.UtcNow;
            // A timer takes at most about 49 days; a credential valid longer is judged again on every revocation anyway.
            if (remaining < TimeSpan.FromDays(30))
                expiry = new Timer(_ => End(Expired()), null, remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining, Timeout.InfiniteTimeSpan);
        }
    }

    /// <inheritdoc />
    public GraphQLUserContext? UserContext => userContext;

    /// <summary>Cancelled once the stream lost its rights.</summary>
    public CancellationToken Ended => ended.Token;

    /// <summary>Why the stream ended, as the error event the client receives; null while it may deliver.</summary>
    public ExecutionError? Reason
    {
        get
        {
            lock (gate)
                return reason;
        }
    }

    /// <inheritdoc />
    public void Rejudge()
    {
        lock (gate)
        {
            var previous = verdict;
            // Off the caller's thread: the caller may be publishing under the registry's write lock.
            verdict = Task.Run(async () =>
            {
                await previous;
                await JudgeAsync();
            });
        }
    }

    /// <summary>Completes once every re-judgement asked for so far has given its verdict.</summary>
    public Task CurrentVerdict()
    {
        lock (gate)
            return verdict;
    }

    public void Dispose()
    {
        expiry?.Dispose();
        ended.Dispose();
    }

    private async Task JudgeAsync()
    {
        if (ended.IsCancellationRequested || executor.Options.RenewUserContext is not { } renew)
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var current = userContext;
            executor.Options.PrepareScope?.Invoke(scope.ServiceProvider, current);
            var renewed = await renew(scope.ServiceProvider, current, ended.Token);
            if (renewed.Narrowed)
            {
                End(new ExecutionError("The stream's rights changed since this subscription started; subscribe again to receive what they allow now.")
                {
                    Code = GraphQLWebSocketSession.AuthorizationRevokedCode,
                });
            }
            else
                userContext = renewed.Context;
        }
        catch (ConnectionRejectedException ex)
        {
            End(new ExecutionError(ex.Message) { Code = "FORBIDDEN" });
        }
        catch (OperationCanceledException)
        {
            // The stream ended meanwhile.
        }
        catch (Exception)
        {
            // Rights that cannot be checked are not assumed: the stream ends, and the client may subscribe again.
            End(new ExecutionError("The stream's rights could not be checked.") { Code = "INTERNAL_SERVER_ERROR" });
        }
    }

    private static ExecutionError Expired()
        => new("The credential this stream was opened with has expired.") { Code = "FORBIDDEN" };

    private void End(ExecutionError error)
    {
        lock (gate)
            reason ??= error;
        try
        {
            ended.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The stream already finished.
        }
    }
}
