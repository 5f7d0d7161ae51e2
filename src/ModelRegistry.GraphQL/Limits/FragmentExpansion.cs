using GraphQL.Validation;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// Counts the fields the document's operations select once every fragment spread is inlined, and finds fragments no
/// operation reaches. Each fragment's count is computed once and reused wherever it is spread, and the count stops as soon
/// as it passes <see cref="GraphQLLimits.MaxExpandedFields"/>: a document of ten spreads a level, which would expand to
/// billions of fields, costs as much as its own text.
/// </summary>
internal sealed class FragmentExpansion
{
    // Marks a fragment whose count is being computed, so a cycle ends the walk (validation reports the cycle itself).
    private const long InProgress = -1;

    private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly long _ceiling;
    private readonly CancellationToken _cancellation;

    private FragmentExpansion(GraphQLDocument document, GraphQLLimits limits, CancellationToken cancellation)
    {
        foreach (var fragment in document.Definitions.OfType<GraphQLFragmentDefinition>())
            _fragments.TryAdd(fragment.FragmentName.Name.StringValue, fragment);
        _ceiling = limits.MaxExpandedFields > 0 ? limits.MaxExpandedFields : long.MaxValue - 1;
        _cancellation = cancellation;
    }

    /// <summary>A refusal for too many expanded fields or an unused fragment, or null.</summary>
    public static ValidationError? Refusal(GraphQLDocument document, GraphQLLimits limits, CancellationToken cancellation)
    {
        var expansion = new FragmentExpansion(document, limits, cancellation);
        long total = 0;
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            total = expansion.Add(total, expansion.Fields(operation.SelectionSet));
            if (total > expansion._ceiling)
            {
                return new LimitExceededError(document, LimitErrorCodes.MaxExpandedFieldsExceeded,
                    $"With its fragments inlined, the document selects more than {limits.MaxExpandedFields} fields.", operation);
            }
        }
        // Every fragment an operation reaches has a count by now; one without was never spread.
        foreach (var (name, fragment) in expansion._fragments)
        {
            if (!expansion._counts.ContainsKey(name))
                return new ValidationError(document.Source, "5.5.1.4", $"Fragment '{name}' is never used.", fragment);
        }
        return null;
    }

    private long Fields(GraphQLSelectionSet? set)
    {
        if (set is null)
            return 0;
        _cancellation.ThrowIfCancellationRequested();
        long count = 0;
        foreach (var selection in set.Selections)
        {
            count = Add(count, selection switch
            {
                GraphQLField field => Add(1, Fields(field.SelectionSet)),
                GraphQLInlineFragment inline => Fields(inline.SelectionSet),
                GraphQLFragmentSpread spread => Fragment(spread.FragmentName.Name.StringValue),
                _ => 0,
            });
            if (count > _ceiling)
                break;
        }
        return count;
    }

    private long Fragment(string name)
    {
        if (_counts.TryGetValue(name, out var known))
            return known == InProgress ? 0 : known;
        if (!_fragments.TryGetValue(name, out var fragment))
            return 0;
        _counts[name] = InProgress;
        var count = Fields(fragment.SelectionSet);
        _counts[name] = count;
        return count;
    }

    // Saturates just past the ceiling, so counts never overflow and every caller sees "over".
    private long Add(long a, long b) => Math.Min(a + b, _ceiling + 1);
}
