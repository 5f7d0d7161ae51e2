using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Execution;
using ExecutionContext = GraphQL.Execution.ExecutionContext;

namespace ModelRegistry.GraphQL.Subscriptions;

/// <summary>
/// Resolves every subscription event in a service scope of its own. Events of different subscriptions on one
/// connection may be processed at the same time, and scoped services such as a DbContext or the batch loaders
/// must not be shared between them.
/// </summary>
public sealed class ScopedSubscriptionExecutionStrategy : SubscriptionExecutionStrategy
{
    private static readonly AsyncLocal<ScopeHolder?> CurrentEvent = new();

    /// <summary>Uses the serial strategy for the fields below the subscription root.</summary>
    public ScopedSubscriptionExecutionStrategy() : base(new SerialExecutionStrategy())
    {
    }

    /// <inheritdoc />
    protected override async ValueTask<ExecutionResult> ProcessDataAsync(ExecutionContext context, ExecutionNode node, object? value)
    {
        var holder = new ScopeHolder();
        CurrentEvent.Value = holder;
        try
        {
            return await base.ProcessDataAsync(context, node, value);
        }
        finally
        {
            CurrentEvent.Value = null;
            if (holder.Scope is not null)
                await holder.Scope.Value.DisposeAsync();
        }
    }

    /// <inheritdoc />
    protected override ExecutionContext CloneExecutionContext(ExecutionContext context, CancellationToken token)
    {
        var clone = base.CloneExecutionContext(context, token);
        if (CurrentEvent.Value is { Scope: null } holder && context.RequestServices is { } services)
        {
            holder.Scope = services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope();
            clone.RequestServices = holder.Scope.Value.ServiceProvider;
            if (context.UserContext is GraphQLUserContext user)
                services.GetService<IOptions<GraphQLEndpointOptions>>()?.Value.PrepareScope?.Invoke(clone.RequestServices, user);
        }
        return clone;
    }

    private sealed class ScopeHolder
    {
        public AsyncServiceScope? Scope { get; set; }
    }
}
