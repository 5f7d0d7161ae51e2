using GraphQL.Types;
using static ModelRegistry.GraphQL.Filtering.FilterOperations;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Base of the operation inputs (<c>StringOperationFilterInput</c> …) applied to one scalar member.</summary>
public abstract class OperationFilterInputType : InputObjectGraphType
{
    /// <summary>Names the type; the subclass then declares its operations.</summary>
    protected OperationFilterInputType(string name) => Name = name;

    /// <summary>Adds <c>and</c>/<c>or</c>: lists of this same operation input.</summary>
    protected void AddLogicalFields()
    {
        var self = typeof(ListGraphType<>).MakeGenericType(typeof(NonNullGraphType<>).MakeGenericType(GetType()));
        Field(And, self);
        Field(Or, self);
    }

    /// <summary>Adds operations whose value is one <typeparamref name="TScalar"/>.</summary>
    protected void AddValueFields<TScalar>(params string[] operations) where TScalar : IGraphType
    {
        foreach (var operation in operations)
            Field(operation, typeof(TScalar));
    }

    /// <summary>Adds <c>in</c>/<c>nin</c> with a list of <typeparamref name="TElement"/>.</summary>
    protected void AddListFields<TElement>() where TElement : IGraphType
    {
        Field(In, typeof(ListGraphType<TElement>));
        Field(Nin, typeof(ListGraphType<TElement>));
    }
}

/// <summary>Operations on a text member: equality, membership and ordinal substring tests.</summary>
public sealed class StringOperationFilterInput : OperationFilterInputType
{
    /// <summary>Declares the operations.</summary>
    public StringOperationFilterInput() : base("StringOperationFilterInput")
    {
        AddLogicalFields();
        AddValueFields<StringGraphType>(Eq, Neq, Contains, NContains);
        AddListFields<StringGraphType>();
        AddValueFields<StringGraphType>(StartsWith, NStartsWith, EndsWith, NEndsWith);
    }
}

/// <summary>Operations on an ordered scalar member: equality, membership and comparisons.</summary>
public abstract class ComparableOperationFilterInputType<TScalar> : OperationFilterInputType where TScalar : ScalarGraphType
{
    /// <summary>Names the type and declares the operations.</summary>
    protected ComparableOperationFilterInputType(string name) : base(name)
    {
        AddLogicalFields();
        AddValueFields<TScalar>(Eq, Neq);
        AddListFields<TScalar>();
        AddValueFields<TScalar>(Gt, Ngt, Gte, Ngte, Lt, Nlt, Lte, Nlte);
    }
}

/// <summary>Operations on a 32-bit integer member.</summary>
public sealed class IntOperationFilterInput() : ComparableOperationFilterInputType<IntGraphType>("IntOperationFilterInput");

/// <summary>Operations on a 64-bit integer member (scalar <c>Long</c>).</summary>
public sealed class LongOperationFilterInput() : ComparableOperationFilterInputType<LongGraphType>("LongOperationFilterInput");

/// <summary>Operations on a floating-point member.</summary>
public sealed class FloatOperationFilterInput() : ComparableOperationFilterInputType<FloatGraphType>("FloatOperationFilterInput");

/// <summary>Operations on a UTC timestamp member (scalar <c>DateTime</c>).</summary>
public sealed class DateTimeOperationFilterInput() : ComparableOperationFilterInputType<DateTimeGraphType>("DateTimeOperationFilterInput");

/// <summary>Operations on a boolean member.</summary>
public sealed class BooleanOperationFilterInput : OperationFilterInputType
{
    /// <summary>Declares the operations.</summary>
    public BooleanOperationFilterInput() : base("BooleanOperationFilterInput")
        => AddValueFields<BooleanGraphType>(Eq, Neq);
}

/// <summary>Operations on a global-ID member; values are opaque IDs of the member's node type.</summary>
public sealed class IdOperationFilterInput : OperationFilterInputType
{
    /// <summary>Declares the operations.</summary>
    public IdOperationFilterInput() : base("IdOperationFilterInput")
    {
        AddValueFields<IdGraphType>(Eq, Neq);
        AddListFields<IdGraphType>();
    }
}

/// <summary>Operations on a CLR enum member exposed as <see cref="EnumerationGraphType{TEnum}"/>; named <c>&lt;Enum&gt;OperationFilterInput</c>.</summary>
public sealed class EnumOperationFilterInput<TEnum> : OperationFilterInputType where TEnum : struct, Enum
{
    /// <summary>Declares the operations.</summary>
    public EnumOperationFilterInput() : base(new EnumerationGraphType<TEnum>().Name + "OperationFilterInput")
    {
        AddValueFields<EnumerationGraphType<TEnum>>(Eq, Neq);
        AddListFields<NonNullGraphType<EnumerationGraphType<TEnum>>>();
    }
}

/// <summary>Quantifiers over a list of strings: each element is tested with <see cref="StringOperationFilterInput"/>.</summary>
public sealed class ListStringOperationFilterInput : OperationFilterInputType
{
    /// <summary>Declares the quantifiers.</summary>
    public ListStringOperationFilterInput() : base("ListStringOperationFilterInput")
    {
        AddValueFields<StringOperationFilterInput>(All, None, Some);
        Field(Any, typeof(BooleanGraphType));
    }
}

/// <summary>Quantifiers over a list of objects, each tested with <typeparamref name="TFilter"/>; named <c>ListFilterInputTypeOf&lt;X&gt;</c>.</summary>
public sealed class ListFilterInputType<TFilter> : InputObjectGraphType where TFilter : IInputObjectGraphType, new()
{
    /// <summary>Declares the quantifiers.</summary>
    public ListFilterInputType()
    {
        Name = "ListFilterInputTypeOf" + new TFilter().Name;
        Field(All, typeof(TFilter));
        Field(None, typeof(TFilter));
        Field(Some, typeof(TFilter));
        Field(Any, typeof(BooleanGraphType));
    }
}
