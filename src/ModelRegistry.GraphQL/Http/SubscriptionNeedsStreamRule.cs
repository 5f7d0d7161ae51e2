using GraphQL.Validation;
using GraphQLParser.AST;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Http;

/// <summary>
/// Refuses a subscription sent as a plain JSON POST. Such a request has no way to receive events; answering
/// <c>{"data":null}</c> let Apollo's HttpLink complete silently, hiding a missing split link. Subscriptions stream over
/// a WebSocket or an event stream (<c>Accept: text/event-stream</c>), which the HTTP transport hands over before this runs.
/// </summary>
public sealed class SubscriptionNeedsStreamRule : ValidationRuleBase
{
    /// <summary>The shared instance; the rule holds no state.</summary>
    public static SubscriptionNeedsStreamRule Instance { get; } = new();

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation == OperationType.Subscription)
            context.ReportError(new SubscriptionNeedsStreamError(context, context.Operation));
        return default;
    }
}

/// <summary>A subscription sent where no stream can carry its events.</summary>
public sealed class SubscriptionNeedsStreamError : ValidationError, ICodedError
{
    /// <summary>Creates the error for the selected operation.</summary>
    public SubscriptionNeedsStreamError(ValidationContext context, GraphQLOperationDefinition operation)
        : base(context.Document.Source, null,
            "A subscription needs a stream: send it over a WebSocket (graphql-transport-ws) or with 'Accept: text/event-stream'.", operation)
    {
        Code = ErrorCodes.SubscriptionRequiresStream;
    }
}
