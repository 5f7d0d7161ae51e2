using GraphQL;
using GraphQLParser.AST;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Telemetry;

/// <summary>
/// Label values for an operation, from a bounded set. Operation names are chosen by clients, so each new name would be a
/// new series: the first <see cref="MaxNames"/> distinct names are kept and any later one is counted as
/// <see cref="Other"/>. A request that never reached an operation (unparsable, unknown persisted id) is
/// <see cref="Unknown"/>; one without a name is <see cref="Anonymous"/>.
/// </summary>
public sealed class OperationLabels(int maxNames = OperationLabels.MaxNames)
{
    /// <summary>How many distinct operation names get series of their own.</summary>
    public const int MaxNames = 200;

    /// <summary>The name of an operation without one.</summary>
    public const string Anonymous = "(anonymous)";

    /// <summary>The name (and type) when no operation was selected.</summary>
    public const string Unknown = "(unknown)";

    /// <summary>The name once <see cref="MaxNames"/> distinct names were seen.</summary>
    public const string Other = "(other)";

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);

    /// <summary>The operation type label: query, mutation, subscription or (unknown).</summary>
    public static string TypeOf(GraphQLOperationDefinition? operation) => operation?.Operation switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => Unknown,
    };

    /// <summary>The operation name label.</summary>
    public string NameOf(GraphQLOperationDefinition? operation)
    {
        if (operation is null)
            return Unknown;
        if (operation.Name is not { } name)
            return Anonymous;
        var value = name.StringValue;
        if (_names.ContainsKey(value))
            return value;
        if (_names.Count >= maxNames)
            return Other;
        _names.TryAdd(value, 0);
        return value;
    }

    /// <summary>An error code label: the code when it looks like one (SCREAMING_SNAKE_CASE, short), else OTHER.</summary>
    public static string CodeOf(ExecutionError error)
        => CodedErrorInfoProvider.CodeFor(error) is { Length: > 0 and <= 48 } code && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '_')
            ? code
            : "OTHER";

    /// <summary>The operation the request ran, or for a request refused by validation the one it selected.</summary>
    public static GraphQLOperationDefinition? OperationOf(ExecutionResult result, OperationCapture? capture)
        => result.Operation ?? capture?.Operation;
}
