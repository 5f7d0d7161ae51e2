using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL.Types;
using static ModelRegistry.GraphQL.Filtering.FilterOperations;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Compiles a <c>where</c> argument value into a predicate EF Core translates to SQL.</summary>
public static class FilterCompiler
{
    private static readonly MethodInfo AnyWithPredicate = EnumerableMethod(nameof(Enumerable.Any), 2);
    private static readonly MethodInfo AnyWithoutPredicate = EnumerableMethod(nameof(Enumerable.Any), 1);
    private static readonly MethodInfo AllWithPredicate = EnumerableMethod(nameof(Enumerable.All), 2);

    /// <summary>
    /// Builds <c>x =&gt; …</c> from the value GraphQL.NET parsed for <paramref name="filter"/>.
    /// Fields of one object are ANDed; a null field value adds no constraint.
    /// </summary>
    /// <exception cref="global::GraphQL.ExecutionError">INVALID_ARGUMENT for values validation cannot refuse (e.g. an ID of another type).</exception>
    public static Expression<Func<T, bool>> Compile<T>(FilterInputType<T> filter, IDictionary<string, object?> value)
    {
        var entity = Expression.Parameter(typeof(T), "x");
        return Expression.Lambda<Func<T, bool>>(CompileObject(filter, value, entity), entity);
    }

    internal static Expression CompileObject(FilterInputType filter, IDictionary<string, object?> value, Expression target)
    {
        var parts = new List<Expression>();
        foreach (var (name, fieldValue) in value)
        {
            if (fieldValue is null)
                continue;
            parts.Add(name switch
            {
                And => Combine(Objects(fieldValue).Select(o => CompileObject(filter, o, target)), Expression.AndAlso, true),
                Or => Combine(Objects(fieldValue).Select(o => CompileObject(filter, o, target)), Expression.OrElse, false),
                _ => CompileField(filter, name, fieldValue, target),
            });
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    internal static Expression Combine(IEnumerable<Expression> parts, Func<Expression, Expression, Expression> join, bool identity)
    {
        Expression? result = null;
        foreach (var part in parts)
            result = result is null ? part : join(result, part);
        return result ?? Expression.Constant(identity);
    }

    internal static IEnumerable<IDictionary<string, object?>> Objects(object value)
        => value is IEnumerable list and not string
            ? list.Cast<object?>().Select(AsObject)
            : [AsObject(value)];

    internal static IDictionary<string, object?> AsObject(object? value)
        => value as IDictionary<string, object?>
           ?? throw FilterErrors.InvalidArgument("A filter object was expected.");

    private static Expression CompileField(FilterInputType filter, string name, object value, Expression target)
    {
        if (!filter.Bindings.TryGetValue(name, out var field))
            throw FilterErrors.InvalidArgument($"{filter.Name} has no field '{name}'.");
        var member = field.Read(target);
        var operations = AsObject(value);
        return field.Kind switch
        {
            FilterFieldKind.Operation => OperationCompiler.Compile(operations, member, new FilterValueConverter(member.Type)),
            FilterFieldKind.Id => OperationCompiler.Compile(operations, member, new FilterValueConverter(member.Type, field.IdTypeName)),
            FilterFieldKind.Object => NestedObject(NestedFilter(filter, name), operations, member),
            FilterFieldKind.ObjectList => Quantify(operations, member, element =>
                (o => CompileObject(NestedFilter(ListElementFilter(filter, name), Some), o, element))),
            FilterFieldKind.ScalarList => Quantify(operations, member, element =>
                (o => OperationCompiler.Compile(o, element, new FilterValueConverter(element.Type)))),
            _ => throw new InvalidOperationException($"Unknown filter field kind {field.Kind}."),
        };
    }

    private static Expression NestedObject(FilterInputType nested, IDictionary<string, object?> value, Expression member)
    {
        var predicate = CompileObject(nested, value, member);
        if (member.Type.IsValueType)
            return predicate;
        // Optional navigations: "no related row" must not match a filter on its fields.
        return Expression.AndAlso(Expression.NotEqual(member, Expression.Constant(null, member.Type)), predicate);
    }

    private static Expression Quantify(
        IDictionary<string, object?> value,
        Expression list,
        Func<ParameterExpression, Func<IDictionary<string, object?>, Expression>> elementPredicate)
    {
        var elementType = FilterClrTypes.ElementType(list.Type)
                          ?? throw new InvalidOperationException($"{list.Type.Name} is not a list.");
        var element = Expression.Parameter(elementType, "e");
        var compile = elementPredicate(element);
        var parts = new List<Expression>();
        foreach (var (quantifier, operand) in value)
        {
            if (operand is null)
                continue;
            if (quantifier == Any)
            {
                var hasAny = Expression.Call(AnyWithoutPredicate.MakeGenericMethod(elementType), list);
                parts.Add(operand is true ? hasAny : Expression.Not(hasAny));
                continue;
            }
            var lambda = Expression.Lambda(compile(AsObject(operand)), element);
            parts.Add(quantifier switch
            {
                Some => Expression.Call(AnyWithPredicate.MakeGenericMethod(elementType), list, lambda),
                None => Expression.Not(Expression.Call(AnyWithPredicate.MakeGenericMethod(elementType), list, lambda)),
                All => Expression.Call(AllWithPredicate.MakeGenericMethod(elementType), list, lambda),
                _ => throw FilterErrors.InvalidArgument($"'{quantifier}' is not a list operation."),
            });
        }
        return Combine(parts, Expression.AndAlso, true);
    }

    private static IGraphType FieldGraphType(IComplexGraphType type, string name)
        => FieldArguments.Unwrap(type.GetField(name)?.ResolvedType)
               ?? throw new InvalidOperationException($"{type.Name}.{name} is not part of an initialized schema.");

    private static FilterInputType NestedFilter(IComplexGraphType type, string name)
        => FieldGraphType(type, name) as FilterInputType
           ?? throw new InvalidOperationException($"{type.Name}.{name} is not a filter input type.");

    private static IComplexGraphType ListElementFilter(IComplexGraphType type, string name)
        => FieldGraphType(type, name) as IComplexGraphType
           ?? throw new InvalidOperationException($"{type.Name}.{name} is not a list filter input type.");

    private static MethodInfo EnumerableMethod(string name, int parameters)
        => typeof(Enumerable).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == name && m.GetParameters().Length == parameters);
}
