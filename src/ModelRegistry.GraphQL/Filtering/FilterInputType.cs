using System.Linq.Expressions;
using GraphQL.Types;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Non-generic view of a <see cref="FilterInputType{T}"/>, used while compiling nested filters.</summary>
public abstract class FilterInputType : InputObjectGraphType
{
    private readonly Dictionary<string, FilterField> _bindings = new(StringComparer.Ordinal);

    /// <summary>Adds <c>and: [Self!]</c> and <c>or: [Self!]</c>, so they lead every filter type as in Hot Chocolate.</summary>
    private protected FilterInputType()
    {
        var self = typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(GetType()));
        Field(FilterOperations.And, self);
        Field(FilterOperations.Or, self);
    }

    /// <summary>The CLR type whose instances this filter tests.</summary>
    public abstract Type EntityType { get; }

    internal IReadOnlyDictionary<string, FilterField> Bindings => _bindings;

    private protected void Bind(FilterField field, Type graphType)
    {
        if (field.Name is FilterOperations.And or FilterOperations.Or || !_bindings.TryAdd(field.Name, field))
            throw new ArgumentException($"The filter field name '{field.Name}' is reserved or declared twice on {GetType().Name}.");
        Field(field.Name, graphType);
    }
}

/// <summary>
/// Declarative <c>where</c> input for entities of type <typeparamref name="T"/>. A subclass sets <c>Name</c>
/// (e.g. <c>ModelFilterInput</c>) and declares its fields in its constructor with
/// <see cref="Filter{TMember}"/>, <see cref="Id{TKey}"/>, <see cref="Object{TFilter}"/> and <see cref="ListOf{TFilter}"/>.
/// </summary>
public abstract class FilterInputType<T> : FilterInputType
{
    /// <inheritdoc />
    public override Type EntityType => typeof(T);

    /// <summary>
    /// Declares a scalar member (string, int, long, double/float, DateTime, bool, enum, nullable or not),
    /// or a list of strings; the operation input follows from the CLR type.
    /// </summary>
    protected void Filter<TMember>(Expression<Func<T, TMember>> member, string? name = null)
    {
        var type = typeof(TMember);
        if (FilterClrTypes.StringListElement(type) is not null)
            Bind(new FilterField(MemberSelectors.FieldName(member, name), FilterFieldKind.ScalarList, member), typeof(ListStringOperationFilterInput));
        else
            Bind(new FilterField(MemberSelectors.FieldName(member, name), FilterFieldKind.Operation, member), FilterClrTypes.OperationInputFor(type));
    }

    /// <summary>Declares a key member filtered with opaque global IDs of <paramref name="typeName"/> (e.g. <c>Id(x =&gt; x.Id, "Model")</c>).</summary>
    protected void Id<TKey>(Expression<Func<T, TKey>> member, string typeName, string? name = null)
    {
        var key = Nullable.GetUnderlyingType(typeof(TKey)) ?? typeof(TKey);
        if (key != typeof(long) && key != typeof(int))
            throw new ArgumentException($"A global-ID filter needs an int or long key, not {typeof(TKey).Name}.", nameof(member));
        ArgumentException.ThrowIfNullOrWhiteSpace(typeName);
        Bind(new FilterField(MemberSelectors.FieldName(member, name), FilterFieldKind.Id, member, typeName), typeof(IdOperationFilterInput));
    }

    /// <summary>Declares a nested object member (e.g. <c>x =&gt; x.Model</c>) filtered with <typeparamref name="TFilter"/>.</summary>
    protected void Object<TFilter>(Expression<Func<T, object?>> member, string? name = null) where TFilter : FilterInputType
    {
        var selector = MemberSelectors.StripConversions(member);
        var expected = FilterClrTypes.EntityTypeOf(typeof(TFilter), typeof(FilterInputType<>));
        if (!expected.IsAssignableFrom(selector.ReturnType))
            throw new ArgumentException($"{typeof(TFilter).Name} filters {expected.Name}, not {selector.ReturnType.Name}.", nameof(member));
        Bind(new FilterField(MemberSelectors.FieldName(member, name), FilterFieldKind.Object, selector), typeof(TFilter));
    }

    /// <summary>Declares a list-of-objects member (e.g. <c>x =&gt; x.Metrics</c>) with <c>all/none/some/any</c> over <typeparamref name="TFilter"/>.</summary>
    protected void ListOf<TFilter>(Expression<Func<T, object?>> member, string? name = null) where TFilter : FilterInputType, new()
    {
        var selector = MemberSelectors.StripConversions(member);
        var element = FilterClrTypes.ElementType(selector.ReturnType);
        var expected = FilterClrTypes.EntityTypeOf(typeof(TFilter), typeof(FilterInputType<>));
        if (element is null || !expected.IsAssignableFrom(element))
            throw new ArgumentException($"{typeof(TFilter).Name} filters {expected.Name}; the member is not a list of it.", nameof(member));
        Bind(new FilterField(MemberSelectors.FieldName(member, name), FilterFieldKind.ObjectList, selector), typeof(ListFilterInputType<TFilter>));
    }
}
