using GraphQL.Validation;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// Makes validation give way to the operation's deadline: the engine's visitor does not look at the cancellation token,
/// so without this a document that is slow to validate runs on after its time is up and after shutdown has begun.
/// </summary>
public sealed class DeadlineRule : ValidationRuleBase, INodeVisitor
{
    /// <summary>The rule; it holds no state.</summary>
    public static readonly DeadlineRule Instance = new();

    private DeadlineRule()
    {
    }

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        return new(this);
    }

    /// <inheritdoc />
    public ValueTask EnterAsync(ASTNode node, ValidationContext context)
    {
        context.CancellationToken.ThrowIfCancellationRequested();
        return default;
    }

    /// <inheritdoc />
    public ValueTask LeaveAsync(ASTNode node, ValidationContext context) => default;
}
