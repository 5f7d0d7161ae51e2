namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Maps CLR member types to the operation inputs that filter them.</summary>
internal static class FilterClrTypes
{
    public static Type OperationInputFor(Type member)
    {
        var type = Nullable.GetUnderlyingType(member) ?? member;
        if (type.IsEnum)
            return typeof(EnumOperationFilterInput<>).MakeGenericType(type);
        return Type.GetTypeCode(type) switch
        {
            TypeCode.String => typeof(StringOperationFilterInput),
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 => typeof(IntOperationFilterInput),
            TypeCode.UInt32 or TypeCode.Int64 => typeof(LongOperationFilterInput),
            TypeCode.Single or TypeCode.Double => typeof(FloatOperationFilterInput),
            TypeCode.DateTime => typeof(DateTimeOperationFilterInput),
            TypeCode.Boolean => typeof(BooleanOperationFilterInput),
            _ => throw new ArgumentException(
                $"No operation filter input for members of type {member.Name}; use Id(...) for keys, Object/ListOf for objects."),
        };
    }

    /// <summary>string when <paramref name="type"/> is a sequence of strings (other than string itself), else null.</summary>
    public static Type? StringListElement(Type type)
        => type != typeof(string) && ElementType(type) == typeof(string) ? typeof(string) : null;

    /// <summary>
    /// The T of <paramref name="openBase"/>&lt;T&gt; that <paramref name="graphType"/> derives from. Read from the type
    /// rather than an instance, so a filter may nest itself (e.g. <c>parent</c>) without endless construction.
    /// </summary>
    public static Type EntityTypeOf(Type graphType, Type openBase)
    {
        for (var type = graphType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == openBase)
                return type.GetGenericArguments()[0];
        }
        throw new ArgumentException($"{graphType.Name} does not derive from {openBase.Name}.");
    }

    /// <summary>The element type of an <see cref="IEnumerable{T}"/>, or null.</summary>
    public static Type? ElementType(Type type)
    {
        if (type == typeof(string))
            return null;
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            return type.GetGenericArguments()[0];
        return type.GetInterfaces()
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];
    }
}
