using GraphQL.Builders;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQLParser;
using ModelRegistry.GraphQL.Errors;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using GraphQL;

namespace ModelRegistry.GraphQL.Subscriptions;

/// <summary>
/// Marks subscription fields whose identical subscriptions may share one execution, and decides whether a request
/// qualifies. A field qualifies when every subscriber with the same document, variables and partition receives the
/// same results; arguments that make a subscription's results depend on when it started (a replay position) are
/// named as exclusive, and a request that sets one runs on its own.
/// </summary>
public static class SubscriptionSharing
{
    /// <summary>Field metadata key: the field's subscriptions may be shared.</summary>
    public const string ShareableKey = "toolkit.subscriptions.shareable";

    /// <summary>Field metadata key: arguments whose non-null value keeps a subscription unshared.</summary>
    public const string ExclusiveArgumentsKey = "toolkit.subscriptions.exclusiveArguments";

    /// <summary>Lets identical subscriptions to this field share one execution, except those that set an exclusive argument.</summary>
    public static FieldBuilder<TSource, TReturn> SharedAcrossSubscribers<TSource, TReturn>(
        this FieldBuilder<TSource, TReturn> field, params string[] exclusiveArguments)
        => field.Configure(f =>
        {
            f.Metadata[ShareableKey] = true;
            f.Metadata[ExclusiveArgumentsKey] = exclusiveArguments;
        });

    /// <summary>Longest document considered for sharing, in characters.</summary>
    public const int MaxShareableLength = 16 * 1024;

    /// <summary>
    /// The sharing key of a request, or null when it must run on its own: not a subscription, more than one root
    /// field, a directive on the operation or root field, an unmarked field, or an exclusive argument set.
    /// </summary>
    public static string? KeyFor(ISchema schema, GraphQLRequest request, string partition, string variablesJson)
    {
        if (request.Query is not { Length: > 0 } query || schema.Subscription is not { } root)
            return null;
        GraphQLDocument document;
        // A shareable subscription is one short field; anything longer is simply not shared, and costs no parse here.
        if (query.Length > MaxShareableLength)
            return null;
        try
        {
            // The same preparation as the executor's: a lone CR broke the parser's error message (an exception the
            // socket never answered), and long lines make its syntax errors cost the square of their column.
            document = Parser.Parse(DocumentText.Prepare(query));
        }
        catch (Exception ex) when (ex is GraphQLParserException or ExecutionError)
        {
            // Syntax errors and documents nested past the parser's depth: the executor answers them with their codes.
            return null;
        }
        var operation = SelectOperation(document, request.OperationName);
        if (operation is not { Operation: OperationType.Subscription } || operation.Directives is { Count: > 0 })
            return null;
        if (operation.SelectionSet.Selections is not [GraphQLField field] || field.Directives is { Count: > 0 })
            return null;
        var definition = root.GetField(field.Name.StringValue);
        if (definition is null || !definition.GetMetadata(ShareableKey, false))
            return null;
        var exclusive = definition.GetMetadata<string[]>(ExclusiveArgumentsKey) ?? [];
        foreach (var argument in field.Arguments?.Items ?? [])
        {
            if (exclusive.Contains(argument.Name.StringValue, StringComparer.Ordinal) && !IsNull(argument.Value, operation, request))
                return null;
        }
        // The separators cannot occur in a partition or an operation name, so distinct requests never collide.
        return string.Join('\u001f', partition, request.OperationName ?? string.Empty, query, variablesJson);
    }

    private static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operationName is null)
            return operations.Count == 1 ? operations[0] : null;
        return operations.SingleOrDefault(o => o.Name?.StringValue == operationName);
    }

    private static bool IsNull(GraphQLValue value, GraphQLOperationDefinition operation, GraphQLRequest request)
    {
        switch (value)
        {
            case GraphQLNullValue:
                return true;
            case GraphQLVariable variable:
                var name = variable.Name.StringValue;
                if (request.Variables is { } variables && variables.TryGetValue(name, out var provided))
                    return provided is null;
                var declared = operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == name);
                return declared?.DefaultValue is null or GraphQLNullValue;
            default:
                return false;
        }
    }
}
