using System.Linq.Expressions;
using System.Reflection;

namespace ModelRegistry.GraphQL.Paging;

/// <summary>Builds the ORDER BY and the "beyond this row" WHERE of a keyset ordering as expressions EF can translate.</summary>
/// <typeparam name="T">The row type.</typeparam>
public sealed class KeysetSeek<T>
{
    private static readonly MethodInfo StringCompare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;

    private readonly IReadOnlyList<OrderKey> _keys;
    private readonly ParameterExpression _row = Expression.Parameter(typeof(T), "row");
    private readonly Expression[] _bodies;
    private readonly Func<T, object?>[] _readers;

    /// <summary>Prepares an ordering; every selector must take a <typeparamref name="T"/>.</summary>
    public KeysetSeek(IReadOnlyList<OrderKey> keys)
    {
        _keys = keys;
        _bodies = new Expression[keys.Count];
        _readers = new Func<T, object?>[keys.Count];
        for (var i = 0; i < keys.Count; i++)
        {
            var selector = keys[i].Selector;
            if (selector.Parameters.Count != 1 || selector.Parameters[0].Type != typeof(T))
                throw new ArgumentException($"Order key '{keys[i].Name}' does not select from {typeof(T).Name}.", nameof(keys));
            if (Nullable.GetUnderlyingType(selector.ReturnType) is not null)
                throw new ArgumentException($"Order key '{keys[i].Name}' is nullable; keyset paging needs non-null keys.", nameof(keys));
            _bodies[i] = new ParameterSwap(selector.Parameters[0], _row).Visit(selector.Body);
            _readers[i] = Expression.Lambda<Func<T, object?>>(Expression.Convert(_bodies[i], typeof(object)), _row).Compile();
        }
    }

    /// <summary>Orders by every key, each flipped when <paramref name="reverse"/> (to walk backwards).</summary>
    public IQueryable<T> Order(IQueryable<T> source, bool reverse)
    {
        var expression = source.Expression;
        for (var i = 0; i < _keys.Count; i++)
        {
            var descending = _keys[i].Descending != reverse;
            var method = (i == 0, descending) switch
            {
                (true, false) => nameof(Queryable.OrderBy),
                (true, true) => nameof(Queryable.OrderByDescending),
                (false, false) => nameof(Queryable.ThenBy),
                (false, true) => nameof(Queryable.ThenByDescending),
            };
            var lambda = Expression.Lambda(_bodies[i], _row);
            expression = Expression.Call(typeof(Queryable), method, [typeof(T), _bodies[i].Type], expression, Expression.Quote(lambda));
        }
        return source.Provider.CreateQuery<T>(expression);
    }

    /// <summary>
    /// Rows strictly after (<paramref name="forward"/>) or before the row with <paramref name="values"/> in this ordering:
    /// <c>(k1 &gt; v1) OR (k1 = v1 AND k2 &gt; v2) OR …</c>, with &lt; for descending keys.
    /// </summary>
    public Expression<Func<T, bool>> Beyond(IReadOnlyList<object> values, bool forward)
    {
        Expression? any = null;
        Expression? equalSoFar = null;
        for (var i = 0; i < _keys.Count; i++)
        {
            var greater = _keys[i].Descending != forward;
            var step = Compare(_bodies[i], values[i], greater ? ExpressionType.GreaterThan : ExpressionType.LessThan);
            var term = equalSoFar is null ? step : Expression.AndAlso(equalSoFar, step);
            any = any is null ? term : Expression.OrElse(any, term);
            var equal = Compare(_bodies[i], values[i], ExpressionType.Equal);
            equalSoFar = equalSoFar is null ? equal : Expression.AndAlso(equalSoFar, equal);
        }
        return Expression.Lambda<Func<T, bool>>(any!, _row);
    }

    /// <summary>The key values of a loaded row, in key order.</summary>
    public object?[] ValuesOf(T row) => _readers.Select(read => read(row)).ToArray();

    private static Expression Compare(Expression key, object value, ExpressionType comparison)
    {
        var type = key.Type;
        if (type == typeof(bool))
            return CompareBool(key, (bool)value, comparison);
        if (type == typeof(string))
        {
            if (comparison == ExpressionType.Equal)
                return Expression.Equal(key, Parameter(value, type));
            // string.Compare is what EF translates to SQL's < and > on text.
            var compared = Expression.Call(StringCompare, key, Parameter(value, type));
            return Expression.MakeBinary(comparison, compared, Expression.Constant(0));
        }
        if (type.IsEnum)
        {
            var underlying = Enum.GetUnderlyingType(type);
            return Expression.MakeBinary(comparison, Expression.Convert(key, underlying),
                Parameter(Convert.ChangeType(value, underlying, System.Globalization.CultureInfo.InvariantCulture), underlying));
        }
        return Expression.MakeBinary(comparison, key, Parameter(value, type));
    }

    // SQL has no ordering operators on booleans that every provider translates; false < true is spelled out instead.
    private static Expression CompareBool(Expression key, bool value, ExpressionType comparison) => comparison switch
    {
        ExpressionType.Equal => Expression.Equal(key, Expression.Constant(value)),
        ExpressionType.GreaterThan => value ? Expression.Constant(false) : Expression.Equal(key, Expression.Constant(true)),
        _ => value ? Expression.Equal(key, Expression.Constant(false)) : Expression.Constant(false),
    };

    // A member of a closure object becomes a SQL parameter, so the statement text (and its plan) is reused across cursors.
    private static Expression Parameter(object value, Type type)
    {
        var box = Activator.CreateInstance(typeof(KeyValueBox<>).MakeGenericType(type), value)!;
        return Expression.Property(Expression.Constant(box), "Value");
    }

    private sealed class ParameterSwap(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>Holds one cursor value so that EF sends it as a parameter rather than inlining it.</summary>
/// <typeparam name="TValue">The key type.</typeparam>
public sealed class KeyValueBox<TValue>(TValue value)
{
    /// <summary>The key value.</summary>
    public TValue Value { get; } = value;
}
