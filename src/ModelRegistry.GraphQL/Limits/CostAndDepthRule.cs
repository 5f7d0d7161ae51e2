using System.Collections;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// Refuses an operation whose estimated cost or depth is over the limits, each with its own code. The estimate counts
/// the objects an answer can hold at most: every field that returns an object, interface or union costs one per
/// instance (scalars and enums cost nothing, as in the GraphQL cost specification), and a list multiplies what is below
/// it by its real bound: a connection's <c>first</c>/<c>last</c> or the default page size, a sliced list's <c>first</c>,
/// a bounded list's declared bound (<see cref="ListBounds"/>), <c>nodes(ids:)</c>'s number of ids. Depth is counted as
/// clients see it: a connection's <c>edges</c>, <c>node</c> and <c>nodes</c> are not levels of their own. Introspection
/// fields cost one each with no multiplier, so an IDE's schema query never eats the budget.
/// </summary>
/// <remarks>
/// The walk inlines fragments; <see cref="DocumentShapeGate"/> has already refused any document whose inlined fields
/// exceed <see cref="GraphQLLimits.MaxExpandedFields"/>, so the walk is bounded by that count. It runs after the other
/// rules and only on a document they accepted, when argument values (variables included) are known.
/// </remarks>
public sealed class CostAndDepthRule : ValidationRuleBase
{
    private readonly GraphQLLimits _limits;

    private CostAndDepthRule(GraphQLLimits limits) => _limits = limits;

    /// <summary>Creates the rule for <paramref name="limits"/>.</summary>
    public static IValidationRule Create(GraphQLLimits limits) => new CostAndDepthRule(limits);

    /// <summary>The estimated cost and the client-visible depth of the context's operation.</summary>
    public static (double Cost, int Depth) Estimate(ValidationContext context, GraphQLLimits limits)
    {
        var walk = new Walk(context, limits.DefaultListSize);
        walk.Operation();
        return (walk.Cost, walk.MaxDepth);
    }

    /// <inheritdoc />
    public override ValueTask<INodeVisitor?> GetPostNodeVisitorAsync(ValidationContext context)
    {
        if (context.HasErrors || context.Operation is null)
            return default;
        var (cost, depth) = Estimate(context, _limits);
        if (_limits.MaxDepth > 0 && depth > _limits.MaxDepth)
        {
            context.ReportError(new LimitExceededError(context, LimitErrorCodes.MaxDepthExceeded,
                $"The operation nests fields {depth} levels deep; at most {_limits.MaxDepth} are allowed.", context.Operation));
        }
        else if (_limits.MaxComplexity > 0 && cost > _limits.MaxComplexity)
        {
            context.ReportError(new LimitExceededError(context, LimitErrorCodes.MaxComplexityExceeded,
                $"The operation's estimated cost is {cost:0}; at most {_limits.MaxComplexity:0} is allowed.", context.Operation));
        }
        return default;
    }

    private sealed class Walk(ValidationContext context, int defaultPageSize)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = context.Document.Definitions
            .OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        private readonly HashSet<string> _fragmentPath = new(StringComparer.Ordinal);
        private int _visited;

        public double Cost { get; private set; }

        public int MaxDepth { get; private set; }

        public void Operation()
        {
            IGraphType? root = context.Operation.Operation switch
            {
                OperationType.Mutation => context.Schema.Mutation,
                OperationType.Subscription => context.Schema.Subscription,
                _ => context.Schema.Query,
            };
            if (root is not null)
                Selections(root, context.Operation.SelectionSet, multiplier: 1, depth: 0, pageSize: null, introspection: false);
        }

        // `pageSize` is the page of the connection whose type is `parent`, so its edges and nodes know how many they hold.
        private void Selections(IGraphType parent, GraphQLSelectionSet set, double multiplier, int depth, double? pageSize, bool introspection)
        {
            foreach (var selection in set.Selections)
            {
                if (++_visited % 256 == 0)
                    context.CancellationToken.ThrowIfCancellationRequested();
                switch (selection)
                {
                    case GraphQLField field:
                        Field(parent, field, multiplier, depth, pageSize, introspection);
                        break;
                    case GraphQLInlineFragment inline:
                        var narrowed = inline.TypeCondition is { } condition ? context.Schema.AllTypes[condition.Type.Name.StringValue] ?? parent : parent;
                        Selections(narrowed, inline.SelectionSet, multiplier, depth, pageSize, introspection);
                        break;
                    case GraphQLFragmentSpread spread:
                        var name = spread.FragmentName.Name.StringValue;
                        if (!_fragments.TryGetValue(name, out var fragment) || !_fragmentPath.Add(name))
                            break;
                        var type = context.Schema.AllTypes[fragment.TypeCondition.Type.Name.StringValue] ?? parent;
                        Selections(type, fragment.SelectionSet, multiplier, depth, pageSize, introspection);
                        _fragmentPath.Remove(name);
                        break;
                }
            }
        }

        private void Field(IGraphType parent, GraphQLField field, double multiplier, int depth, double? pageSize, bool introspection)
        {
            var name = field.Name.StringValue;
            if (name == "__typename")
            {
                MaxDepth = Math.Max(MaxDepth, depth + 1);
                Cost += introspection ? 1 : 0;
                return;
            }
            FieldType? definition = name switch
            {
                "__schema" when parent == context.Schema.Query => context.Schema.SchemaMetaFieldType,
                "__type" when parent == context.Schema.Query => context.Schema.TypeMetaFieldType,
                _ => (parent as IComplexGraphType)?.GetField(name),
            };
            if (definition?.ResolvedType is not { } returnType)
                return;
            introspection |= name.StartsWith("__", StringComparison.Ordinal);

            var wrapper = (pageSize is not null && name is "edges" or "nodes" && IsConnection(parent))
                          || (name == "node" && IsEdge(parent));
            var fieldDepth = wrapper ? depth : depth + 1;
            MaxDepth = Math.Max(MaxDepth, fieldDepth);

            var named = returnType.GetNamedType();
            if (introspection)
                Cost += 1;
            if (field.SelectionSet is null)
                return;

            double childMultiplier = multiplier;
            double? childPage = null;
            if (introspection)
            {
                childMultiplier = 1;
            }
            else if (IsConnection(named))
            {
                childPage = Slice(field, definition) ?? defaultPageSize;
            }
            else if (IsList(returnType))
            {
                childMultiplier *= wrapper && pageSize is not null
                    ? pageSize.Value
                    : Slice(field, definition) ?? IdCount(field) ?? ListBounds.DeclaredBound(definition) ?? defaultPageSize;
            }
            // The objects this field returns: one per instance, or one per item of a list.
            if (!introspection && named is IComplexGraphType or UnionGraphType)
                Cost += childMultiplier;
            // An edge's node (and the edge itself) carries the page size on to nothing below it: nested connections start their own.
            Selections(named, field.SelectionSet, childMultiplier, fieldDepth, childPage, introspection);
        }

        // The page asked for by `first` or `last`: a literal, a variable's value (or its default), or the argument's default.
        // Read from the document and the request's variables, since the engine's own argument values are not filled in
        // for every validation pass.
        private double? Slice(GraphQLField field, FieldType definition)
        {
            foreach (var name in new[] { "first", "last" })
            {
                var given = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name);
                var value = given is null ? null : Number(given.Value);
                value ??= Number(definition.Arguments?.Find(name)?.DefaultValue);
                if (value is not null)
                    return value;
            }
            return null;
        }

        private double? IdCount(GraphQLField field)
        {
            var ids = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "ids")?.Value;
            return ids switch
            {
                GraphQLListValue list => list.Values?.Count ?? 0,
                GraphQLVariable variable => VariableValue(variable) is ICollection values ? values.Count : null,
                _ => null,
            };
        }

        private double? Number(object? value) => value switch
        {
            null or GraphQLNullValue => null,
            GraphQLIntValue literal => double.TryParse(literal.Value.Span, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null,
            GraphQLVariable variable => Number(VariableValue(variable)),
            GraphQLValue => null,
            int or long or short or byte or double or float or decimal => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };

        private object? VariableValue(GraphQLVariable variable)
        {
            var name = variable.Name.StringValue;
            if (context.Variables is { } given && given.TryGetValue(name, out var value) && value is not null)
                return value;
            return context.Operation.Variables?.Items.FirstOrDefault(v => v.Variable.Name.StringValue == name)?.DefaultValue;
        }

        private static bool IsList(IGraphType type)
            => (type is NonNullGraphType nonNull ? nonNull.ResolvedType : type) is ListGraphType;

        // Relay's connection shape, known by its fields or by the naming convention every connection here follows.
        private static bool IsConnection(IGraphType type)
            => type is IObjectGraphType o && o.GetField("edges") is not null
               && (o.GetField("pageInfo") is not null || o.Name.EndsWith("Connection", StringComparison.Ordinal));

        private static bool IsEdge(IGraphType type)
            => type is IObjectGraphType o && o.GetField("node") is not null
               && (o.GetField("cursor") is not null || o.Name.EndsWith("Edge", StringComparison.Ordinal));
    }
}
