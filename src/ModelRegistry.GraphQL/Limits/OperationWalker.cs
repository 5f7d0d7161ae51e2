using GraphQL.Validation;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>Walks the selected operation and the fragments it uses, visiting each fragment definition once.</summary>
internal static class OperationWalker
{
    /// <summary>Every field of the operation, including those inside its fragments (each fragment counted once).</summary>
    public static IEnumerable<GraphQLField> Fields(ValidationContext context)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<GraphQLSelectionSet>();
        pending.Push(context.Operation.SelectionSet);
        while (pending.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        yield return field;
                        if (field.SelectionSet is not null)
                            pending.Push(field.SelectionSet);
                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when visited.Add(spread.FragmentName.Name.StringValue):
                        if (Fragment(context, spread) is { } fragment)
                            pending.Push(fragment.SelectionSet);
                        break;
                }
            }
        }
    }

    /// <summary>The fields of the operation's root selection set, looking through fragments (each fragment counted once).</summary>
    public static IEnumerable<GraphQLField> RootFields(ValidationContext context)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<GraphQLSelectionSet>();
        pending.Push(context.Operation.SelectionSet);
        while (pending.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        yield return field;
                        break;
                    case GraphQLInlineFragment inline:
                        pending.Push(inline.SelectionSet);
                        break;
                    case GraphQLFragmentSpread spread when visited.Add(spread.FragmentName.Name.StringValue):
                        if (Fragment(context, spread) is { } fragment)
                            pending.Push(fragment.SelectionSet);
                        break;
                }
            }
        }
    }

    private static GraphQLFragmentDefinition? Fragment(ValidationContext context, GraphQLFragmentSpread spread)
        => context.Document.Definitions.OfType<GraphQLFragmentDefinition>()
            .FirstOrDefault(f => f.FragmentName.Name.StringValue == spread.FragmentName.Name.StringValue);
}
