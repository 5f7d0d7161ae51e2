using GraphQL;
using GraphQL.Types;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>The declaration and the client's value of a toolkit argument (<c>where</c>, <c>order</c>) on a field.</summary>
internal static class FieldArguments
{
    public static FieldType Add(FieldType field, string name, Type graphType, Type requiredBase, Type declaredType)
    {
        if (!requiredBase.IsAssignableFrom(declaredType))
            throw new ArgumentException($"{declaredType.Name} does not derive from {requiredBase.Name}.", nameof(declaredType));
        field.Arguments ??= new QueryArguments();
        field.Arguments.Add(new QueryArgument(graphType) { Name = name });
        return field;
    }

    /// <summary>The argument's input type with list and non-null wrappers removed.</summary>
    public static IGraphType? DeclaredType(IResolveFieldContext context, string name)
    {
        var definition = context.FieldDefinition.Arguments?.Find(name)
                         ?? throw new InvalidOperationException($"Field '{context.FieldDefinition.Name}' has no '{name}' argument.");
        return Unwrap(definition.ResolvedType);
    }

    /// <summary>The value the client sent, or null when it sent none.</summary>
    public static object? Value(IResolveFieldContext context, string name)
        => context.Arguments is not null && context.Arguments.TryGetValue(name, out var argument) ? argument.Value : null;

    public static IGraphType? Unwrap(IGraphType? type)
        => type is NonNullGraphType or ListGraphType ? Unwrap(((IProvideResolvedType)type).ResolvedType) : type;
}
