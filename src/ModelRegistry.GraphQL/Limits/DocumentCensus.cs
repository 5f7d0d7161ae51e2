using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// One pass over a parsed document that counts what makes validation expensive: directives per location, selections per
/// set, arguments, fragments and spreads, plus directives the schema does not know and fragments nothing uses. It stops at
/// the first count over its limit, and its work is linear in the document's size, whatever its shape.
/// </summary>
internal sealed class DocumentCensus
{
    private readonly GraphQLDocument _document;
    private readonly ISchema _schema;
    private readonly GraphQLLimits _limits;
    private readonly CancellationToken _cancellation;
    private int _spreads;

    private DocumentCensus(GraphQLDocument document, ISchema schema, GraphQLLimits limits, CancellationToken cancellation)
    {
        _document = document;
        _schema = schema;
        _limits = limits;
        _cancellation = cancellation;
    }

    /// <summary>The first refusal the counts call for, or null when the document may go on to validation.</summary>
    public static ValidationError? Refusal(GraphQLDocument document, ISchema schema, GraphQLLimits limits, CancellationToken cancellation)
        => new DocumentCensus(document, schema, limits, cancellation).Count();

    private ValidationError? Count()
    {
        var fragments = 0;
        foreach (var definition in _document.Definitions)
        {
            _cancellation.ThrowIfCancellationRequested();
            var refusal = definition switch
            {
                GraphQLOperationDefinition operation => Operation(operation),
                GraphQLFragmentDefinition fragment => Over(++fragments, _limits.MaxFragments, LimitErrorCodes.MaxFragmentsExceeded,
                        $"The document defines more than {_limits.MaxFragments} fragments.", fragment)
                    ?? Directives(fragment.Directives, fragment) ?? SelectionSet(fragment.SelectionSet),
                _ => null,
            };
            if (refusal is not null)
                return refusal;
        }
        return FragmentExpansion.Refusal(_document, _limits, _cancellation);
    }

    private ValidationError? Operation(GraphQLOperationDefinition operation)
    {
        if (Directives(operation.Directives, operation) is { } refusal)
            return refusal;
        foreach (var variable in operation.Variables?.Items ?? [])
        {
            if ((Directives(variable.Directives, variable) ?? Value(variable.DefaultValue)) is { } inVariable)
                return inVariable;
        }
        return SelectionSet(operation.SelectionSet);
    }

    private ValidationError? SelectionSet(GraphQLSelectionSet? set)
    {
        if (set is null)
            return null;
        if (Over(set.Selections.Count, _limits.MaxSelectionsPerSet, LimitErrorCodes.MaxSelectionsExceeded,
                $"A selection set holds {set.Selections.Count} selections; at most {_limits.MaxSelectionsPerSet} are allowed.", set) is { } refusal)
            return refusal;
        foreach (var selection in set.Selections)
        {
            var inSelection = selection switch
            {
                GraphQLField field => Arguments(field.Arguments, field) ?? Directives(field.Directives, field) ?? SelectionSet(field.SelectionSet),
                GraphQLInlineFragment inline => Directives(inline.Directives, inline) ?? SelectionSet(inline.SelectionSet),
                GraphQLFragmentSpread spread => Over(++_spreads, _limits.MaxFragmentSpreads, LimitErrorCodes.MaxFragmentSpreadsExceeded,
                        $"The document spreads fragments more than {_limits.MaxFragmentSpreads} times.", spread)
                    ?? Directives(spread.Directives, spread),
                _ => null,
            };
            if (inSelection is not null)
                return inSelection;
        }
        return null;
    }

    private ValidationError? Directives(GraphQLDirectives? directives, ASTNode location)
    {
        if (directives is null)
            return null;
        if (Over(directives.Count, _limits.MaxDirectivesPerLocation, LimitErrorCodes.MaxDirectivesExceeded,
                $"One location carries {directives.Count} directives; at most {_limits.MaxDirectivesPerLocation} are allowed.", location) is { } refusal)
            return refusal;
        foreach (var directive in directives.Items)
        {
            if (_schema.Directives.Find(directive.Name.StringValue) is null)
            {
                // The same answer validation would give (KnownDirectives), given before it runs.
                return new ValidationError(_document.Source, "5.7.1", $"Unknown directive '{directive.Name.StringValue}'.", directive);
            }
            if (Arguments(directive.Arguments, directive) is { } inArguments)
                return inArguments;
        }
        return null;
    }

    private ValidationError? Arguments(GraphQLArguments? arguments, ASTNode owner)
    {
        if (arguments is null)
            return null;
        if (Over(arguments.Count, _limits.MaxArguments, LimitErrorCodes.MaxArgumentsExceeded,
                $"One field or directive has {arguments.Count} arguments; at most {_limits.MaxArguments} are allowed.", owner) is { } refusal)
            return refusal;
        foreach (var argument in arguments.Items)
        {
            if (Value(argument.Value) is { } inValue)
                return inValue;
        }
        return null;
    }

    private ValidationError? Value(GraphQLValue? value)
    {
        switch (value)
        {
            case GraphQLObjectValue { Fields: { } fields } objectValue:
                if (Over(fields.Count, _limits.MaxArguments, LimitErrorCodes.MaxArgumentsExceeded,
                        $"An input object has {fields.Count} fields; at most {_limits.MaxArguments} are allowed.", objectValue) is { } refusal)
                    return refusal;
                foreach (var field in fields)
                {
                    if (Value(field.Value) is { } inField)
                        return inField;
                }
                return null;
            case GraphQLListValue { Values: { } items }:
                foreach (var item in items)
                {
                    if (Value(item) is { } inItem)
                        return inItem;
                }
                return null;
            default:
                return null;
        }
    }

    private LimitExceededError? Over(int count, int limit, string code, string message, ASTNode node)
        => limit > 0 && count > limit ? new LimitExceededError(_document, code, message, node) : null;
}
