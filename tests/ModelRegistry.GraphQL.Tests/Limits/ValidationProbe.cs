using GraphQL.Validation;
using GraphQLParser.AST;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Tests.Limits;

/// <summary>
/// A validation rule that records whether the engine's validation started and how many nodes it visited; optionally it
/// spends <see cref="PerNode"/> on each node without looking at the cancellation token, as a slow engine rule would.
/// </summary>
public sealed class ValidationProbe : ValidationRuleBase, INodeVisitor
{
    private int _runs;
    private int _nodes;

    /// <summary>Time spent on each visited node.</summary>
    public TimeSpan PerNode { get; init; }

    /// <summary>How many times validation started.</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>How many nodes validation visited in all.</summary>
    public int Nodes => Volatile.Read(ref _nodes);

    /// <summary>Completes when validation visits its first node.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Appends the probe to every execution's validation rules.</summary>
    public void AttachTo(GraphQLEndpointOptions options)
        => options.ConfigureExecution.Add((execution, _) => execution.ValidationRules = [.. execution.ValidationRules ?? DocumentValidator.CoreRules, this]);

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        Interlocked.Increment(ref _runs);
        return new(this);
    }

    /// <inheritdoc />
    public ValueTask EnterAsync(ASTNode node, ValidationContext context)
    {
        Interlocked.Increment(ref _nodes);
        Entered.TrySetResult();
        if (PerNode > TimeSpan.Zero)
            Thread.Sleep(PerNode);
        return default;
    }

    /// <inheritdoc />
    public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;
}
