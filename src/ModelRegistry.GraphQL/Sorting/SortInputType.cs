using System.Linq.Expressions;
using GraphQL.Types;
using ModelRegistry.GraphQL.Filtering;

namespace ModelRegistry.GraphQL.Sorting;

/// <summary>Non-generic view of a <see cref="SortInputType{T}"/>, used while reading nested sort inputs.</summary>
public abstract class SortInputType : InputObjectGraphType
{
    private readonly Dictionary<string, SortField> _bindings = new(StringComparer.Ordinal);

    private protected SortInputType()
    {
    }

    /// <summary>The CLR type whose instances this input orders.</summary>
    public abstract Type EntityType { get; }

    internal IReadOnlyDictionary<string, SortField> Bindings => _bindings;

    private protected void Bind(SortField field, Type graphType)
    {
        if (!_bindings.TryAdd(field.Name, field))
            throw new ArgumentException($"The sort field '{field.Name}' is declared twice on {GetType().Name}.");
        Field(field.Name, graphType);
    }
}

/// <summary>
/// Declarative <c>order</c> element for entities of type <typeparamref name="T"/>. A subclass sets <c>Name</c>
/// (e.g. <c>ModelSortInput</c>) and declares fields with <see cref="Sort{TKey}"/> and <see cref="Object{TSort}"/>.
/// </summary>
public abstract class SortInputType<T> : SortInputType
{
    /// <inheritdoc />
    public override Type EntityType => typeof(T);

    /// <summary>Declares a scalar key (e.g. <c>x =&gt; x.Name</c>) sorted with <c>SortEnumType</c>.</summary>
    protected void Sort<TKey>(Expression<Func<T, TKey>> member, string? name = null)
        => Bind(new SortField(MemberSelectors.FieldName(member, name), member, Nested: false), typeof(EnumerationGraphType<SortEnumType>));

    /// <summary>Declares a nested object (e.g. <c>x =&gt; x.Model</c>) whose keys <typeparamref name="TSort"/> declares.</summary>
    protected void Object<TSort>(Expression<Func<T, object?>> member, string? name = null) where TSort : SortInputType
    {
        var selector = MemberSelectors.StripConversions(member);
        var expected = FilterClrTypes.EntityTypeOf(typeof(TSort), typeof(SortInputType<>));
        if (!expected.IsAssignableFrom(selector.ReturnType))
            throw new ArgumentException($"{typeof(TSort).Name} orders {expected.Name}, not {selector.ReturnType.Name}.", nameof(member));
        Bind(new SortField(MemberSelectors.FieldName(member, name), selector, Nested: true), typeof(TSort));
    }
}

/// <summary>One declared sort field: a key, or a nested object with keys of its own.</summary>
internal sealed record SortField(string Name, LambdaExpression Selector, bool Nested);
