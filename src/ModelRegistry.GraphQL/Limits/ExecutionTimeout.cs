using GraphQL;
using GraphQL.DI;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// Cancels an operation that runs longer than <see cref="GraphQLLimits.ExecutionTimeout"/> and answers it with
/// <c>EXECUTION_TIMEOUT</c> instead of letting the request hang or fail with a server error. The clock starts before
/// parsing, so parsing, validation and execution share one deadline; shutdown cancels it too (<c>SERVER_STOPPING</c>).
/// </summary>
/// <remarks>A subscription is timed only while its stream is set up; its events then live as long as the connection.</remarks>
public sealed class ExecutionTimeout(IOptions<GraphQLEndpointOptions> options, IHostApplicationLifetime? lifetime = null) : IConfigureExecution
{
    /// <inheritdoc />
    public float SortOrder => 100;

    /// <inheritdoc />
    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions execution, ExecutionDelegate next)
    {
        var timeout = options.Value.Limits.ExecutionTimeout;
        var caller = execution.CancellationToken;
        var stopping = lifetime?.ApplicationStopping ?? CancellationToken.None;
        var timer = CancellationTokenSource.CreateLinkedTokenSource(caller, stopping);
        if (timeout > TimeSpan.Zero)
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
            return stopping.IsCancellationRequested ? Stopped() : TimedOut(timeout);
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

    private static ExecutionResult Stopped() => new()
    {
        Executed = true,
        Errors =
        [
            new ExecutionError("The server is shutting down and cancelled the operation; send it again.")
            {
                Code = LimitErrorCodes.ServerStopping,
            },
        ],
    };

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
