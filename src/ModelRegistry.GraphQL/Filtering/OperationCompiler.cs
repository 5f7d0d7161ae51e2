using System.Collections;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using static ModelRegistry.GraphQL.Filtering.FilterOperations;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Compiles one operation input (<c>{ eq: …, in: […] }</c>) applied to one member expression.</summary>
internal static class OperationCompiler
{
    private static readonly MethodInfo EnumerableContains = typeof(Enumerable).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Single(m => m.Name == nameof(Enumerable.Contains) && m.GetParameters().Length == 2);
    private static readonly MethodInfo EfParameter = typeof(EF).GetMethod(nameof(EF.Parameter))!;
    private static readonly MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly MethodInfo SubstringFromTo = typeof(string).GetMethod(nameof(string.Substring), [typeof(int), typeof(int)])!;
    private static readonly MethodInfo SubstringFrom = typeof(string).GetMethod(nameof(string.Substring), [typeof(int)])!;

    public static Expression Compile(IDictionary<string, object?> operations, Expression member, FilterValueConverter converter)
    {
        var parts = new List<Expression>();
        foreach (var (operation, value) in operations)
        {
            if (value is null)
            {
                // Only equality gives null a meaning ("is null"); elsewhere null adds no constraint.
                if (operation == Eq)
                    parts.Add(IsNull(member));
                else if (operation == Neq)
                    parts.Add(Expression.Not(IsNull(member)));
                continue;
            }
            parts.Add(operation switch
            {
                And => FilterCompiler.Combine(FilterCompiler.Objects(value).Select(o => Compile(o, member, converter)), Expression.AndAlso, true),
                Or => FilterCompiler.Combine(FilterCompiler.Objects(value).Select(o => Compile(o, member, converter)), Expression.OrElse, false),
                Eq => Compare(Expression.Equal, member, converter, value),
                Neq => Expression.Not(Compare(Expression.Equal, member, converter, value)),
                In => Membership(member, converter, value),
                Nin => Expression.Not(Membership(member, converter, value)),
                Gt => Compare(Expression.GreaterThan, member, converter, value),
                Ngt => Expression.Not(Compare(Expression.GreaterThan, member, converter, value)),
                Gte => Compare(Expression.GreaterThanOrEqual, member, converter, value),
                Ngte => Expression.Not(Compare(Expression.GreaterThanOrEqual, member, converter, value)),
                Lt => Compare(Expression.LessThan, member, converter, value),
                Nlt => Expression.Not(Compare(Expression.LessThan, member, converter, value)),
                Lte => Compare(Expression.LessThanOrEqual, member, converter, value),
                Nlte => Expression.Not(Compare(Expression.LessThanOrEqual, member, converter, value)),
                Contains => Text(Contains, member, value),
                NContains => Expression.Not(Text(Contains, member, value)),
                StartsWith => Text(StartsWith, member, value),
                NStartsWith => Expression.Not(Text(StartsWith, member, value)),
                EndsWith => Text(EndsWith, member, value),
                NEndsWith => Expression.Not(Text(EndsWith, member, value)),
                _ => throw FilterErrors.InvalidArgument($"'{operation}' is not a filter operation."),
            });
        }
        return FilterCompiler.Combine(parts, Expression.AndAlso, true);
    }

    private static Expression IsNull(Expression member)
        => IsNullable(member.Type)
            ? Expression.Equal(member, Expression.Constant(null, member.Type))
            : Expression.Constant(false);

    private static bool IsNullable(Type type) => !type.IsValueType || Nullable.GetUnderlyingType(type) is not null;

    private static Expression Compare(Func<Expression, Expression, BinaryExpression> compare, Expression member, FilterValueConverter converter, object value)
    {
        var parameter = Parameter(converter.Convert(value), member.Type);
        return compare(Comparable(member), Comparable(parameter));
    }

    // Expression trees define no operators on enums; C# itself compares their underlying integers.
    private static Expression Comparable(Expression operand)
    {
        var underlying = Nullable.GetUnderlyingType(operand.Type) ?? operand.Type;
        if (!underlying.IsEnum)
            return operand;
        var integer = Enum.GetUnderlyingType(underlying);
        return Expression.Convert(operand, underlying == operand.Type ? integer : typeof(Nullable<>).MakeGenericType(integer));
    }

    private static Expression Membership(Expression member, FilterValueConverter converter, object value)
    {
        var items = ((IEnumerable)value).Cast<object?>().ToList();
        if (items.Count > MaxListValues)
            throw FilterErrors.InvalidArgument($"An 'in'/'nin' list holds at most {MaxListValues} values; this one holds {items.Count}.");
        var values = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(member.Type))!;
        foreach (var item in items.Where(i => i is not null).Distinct())
            values.Add(converter.Convert(item!));
        Expression result = Expression.Constant(false);
        if (values.Count > 0)
        {
            // One JSON/array parameter whatever the length: EF Core 10 would otherwise expand the list
            // into one SQL parameter per value and SQLite refuses more than 32766 of them.
            var list = Expression.Call(EfParameter.MakeGenericMethod(values.GetType()), Parameter(values, values.GetType()));
            result = Expression.Call(EnumerableContains.MakeGenericMethod(member.Type), list, member);
        }
        return items.Any(i => i is null) && IsNullable(member.Type) ? Expression.OrElse(result, IsNull(member)) : result;
    }

    // Ordinal and wildcard-free on every provider: instr/strpos for contains, substr/substring equality for the
    // ends. EF Core would translate StartsWith/EndsWith to LIKE, which SQLite compares case-insensitively.
    private static Expression Text(string operation, Expression member, object value)
    {
        if (member.Type != typeof(string))
            throw FilterErrors.InvalidArgument($"'{operation}' applies to text only.");
        var text = (string)value;
        var pattern = Parameter(text, typeof(string));
        // SQL length() counts code points, so the prefix/suffix length is given in code points too.
        var length = Parameter(text.EnumerateRunes().Count(), typeof(int));
        var memberLength = Expression.Property(member, nameof(string.Length));
        Expression test = operation switch
        {
            Contains => Expression.Call(member, StringContains, pattern),
            StartsWith => Expression.AndAlso(
                Expression.GreaterThanOrEqual(memberLength, length),
                Expression.Equal(Expression.Call(member, SubstringFromTo, Expression.Constant(0), length), pattern)),
            _ => Expression.AndAlso(
                Expression.GreaterThanOrEqual(memberLength, length),
                Expression.Equal(Expression.Call(member, SubstringFrom, Expression.Subtract(memberLength, length)), pattern)),
        };
        return Expression.AndAlso(Expression.NotEqual(member, Expression.Constant(null, typeof(string))), test);
    }

    // A member read of a constant holder becomes a SQL parameter, so queries differing only in values share a plan.
    private static Expression Parameter(object? value, Type type)
    {
        var holder = Activator.CreateInstance(typeof(FilterParameter<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(holder), nameof(FilterParameter<object>.Value));
    }
}

/// <summary>Holds one filter value so EF Core sends it as a parameter rather than inlining it.</summary>
internal sealed class FilterParameter<TValue>(TValue value)
{
    public TValue Value { get; } = value;
}
