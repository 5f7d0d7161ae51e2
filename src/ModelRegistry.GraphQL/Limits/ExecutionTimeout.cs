using GraphQL;
using GraphQL.DI;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// Cancels an operation that runs longer than <see cref="GraphQLLimits.ExecutionTimeout"/> and answers it with
/// <c>EXECUTION_TIMEOUT</c> instead of letting the request hang or fail with a server error.
/// </summary>
/// <remarks>A subscription is timed only while its stream is set up; its events then live as long as the connection.</remarks>
public sealed class ExecutionTimeout(IOptions<GraphQLEndpointOptions> options) : IConfigureExecution
{
    /// <inheritdoc />
    public float SortOrder => 100;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        var timeout = options.Value.Limits.ExecutionTimeout;
        if (timeout <= TimeSpan.Zero)
            return await next(execution).ConfigureAwait(false);
        var caller = execution.CancellationToken;
        var timer = CancellationTokenSource.CreateLinkedTokenSource(caller);
        timer.CancelAfter(timeout);
        execution.CancellationToken = timer.Token;
        ExecutionResult result;
        try
        {
            result = await next(execution).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timer.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            timer.Dispose();
            return TimedOut(timeout);
        }
        if (result.Streams is { Count: > 0 })
        {
            // The stream keeps using the token; stop the clock but keep the link to the caller's cancellation.
            timer.CancelAfter(Timeout.InfiniteTimeSpan);
            return result;
        }
        timer.Dispose();
        return result;
    }

    private static ExecutionResult TimedOut(TimeSpan timeout) => new()
    {
        Executed = true,
        Errors =
        [
            new ExecutionError($"The operation was cancelled after {timeout.TotalSeconds:0.###} s; ask for less or narrow the query.")
            {
                Code = LimitErrorCodes.ExecutionTimeout,
            },
        ],
    };
}
