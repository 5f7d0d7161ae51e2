using System.Collections;
using System.Linq.Expressions;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.GraphQL.Sorting;

/// <summary>Adds the <c>order</c> argument to fields and turns it into <see cref="OrderKey"/> lists.</summary>
public static class SortFieldExtensions
{
    /// <summary>The argument name, as in Hot Chocolate.</summary>
    public const string ArgumentName = "order";

    /// <summary>Adds <c>order: [TSort!]</c>; <paramref name="sortType"/> must derive from <see cref="SortInputType{T}"/>.</summary>
    public static FieldBuilder<TSource, TReturn> SortArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, Type sortType)
    {
        field.FieldType.SortArgument(sortType);
        return field;
    }

    /// <summary>Adds <c>order: [TSort!]</c> to a field definition.</summary>
    public static FieldType SortArgument<TSort>(this FieldType field) where TSort : SortInputType
        => field.SortArgument(typeof(TSort));

    /// <summary>Adds <c>order: [TSort!]</c> to a field definition; <paramref name="sortType"/> must derive from <see cref="SortInputType{T}"/>.</summary>
    public static FieldType SortArgument(this FieldType field, Type sortType)
        => FieldArguments.Add(field, ArgumentName,
            typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(sortType)), typeof(SortInputType), sortType);

    /// <summary>
    /// The keys the client's <c>order</c> argument names, in list order, or <paramref name="defaultOrder"/> when it
    /// sent none. Append the unique tiebreaker with <see cref="OrderKeys.ThenByUnique{T, TKey}"/>.
    /// </summary>
    /// <exception cref="ExecutionError">INVALID_ARGUMENT when an element names no field or more than one.</exception>
    public static IReadOnlyList<OrderKey> GetOrderKeys<T>(this IResolveFieldContext context, IReadOnlyList<OrderKey> defaultOrder)
    {
        if (FieldArguments.DeclaredType(context, ArgumentName) is not SortInputType<T> sort)
            throw new InvalidOperationException($"'{ArgumentName}' of '{context.FieldDefinition.Name}' does not order {typeof(T).Name}.");
        if (FieldArguments.Value(context, ArgumentName) is not IEnumerable elements)
            return defaultOrder;
        var entity = Expression.Parameter(typeof(T), "x");
        var keys = elements.Cast<object?>().Select(e => ReadKey(sort, FilterCompiler.AsObject(e), entity, entity, "")).ToList();
        return keys.Count == 0 ? defaultOrder : keys;
    }

    private static OrderKey ReadKey(SortInputType sort, IDictionary<string, object?> element, ParameterExpression entity, Expression target, string prefix)
    {
        var named = element.Where(e => e.Value is not null).ToList();
        if (named.Count != 1)
            throw FilterErrors.InvalidArgument(
                $"Each {sort.Name} element must name exactly one field; this one names {named.Count}. Use one list element per key.");
        var (name, value) = named[0];
        if (!sort.Bindings.TryGetValue(name, out var field))
            throw FilterErrors.InvalidArgument($"{sort.Name} has no field '{name}'.");
        var member = MemberSelectors.ReadFrom(field.Selector, target);
        if (!field.Nested)
            return new OrderKey(Expression.Lambda(member, entity), value is SortEnumType.Desc, prefix + name);
        var nested = sort.GetField(name)?.ResolvedType is { } resolved && FieldArguments.Unwrap(resolved) is SortInputType inner
            ? inner
            : throw new InvalidOperationException($"{sort.Name}.{name} is not a sort input type.");
        return ReadKey(nested, FilterCompiler.AsObject(value), entity, member, prefix + name + ".");
    }
}
