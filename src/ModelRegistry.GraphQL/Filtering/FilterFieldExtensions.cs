using System.Linq.Expressions;
using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Adds the <c>where</c> argument to fields and applies it to queries.</summary>
public static class FilterFieldExtensions
{
    /// <summary>The argument name, as in Hot Chocolate.</summary>
    public const string ArgumentName = "where";

    /// <summary>Adds <c>where: TFilter</c>; <paramref name="filterType"/> must derive from <see cref="FilterInputType{T}"/>.</summary>
    public static FieldBuilder<TSource, TReturn> FilterArgument<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, Type filterType)
    {
        field.FieldType.FilterArgument(filterType);
        return field;
    }

    /// <summary>Adds <c>where: TFilter</c> to a field definition.</summary>
    public static FieldType FilterArgument<TFilter>(this FieldType field) where TFilter : FilterInputType
        => field.FilterArgument(typeof(TFilter));

    /// <summary>Adds <c>where: TFilter</c> to a field definition; <paramref name="filterType"/> must derive from <see cref="FilterInputType{T}"/>.</summary>
    public static FieldType FilterArgument(this FieldType field, Type filterType)
        => FieldArguments.Add(field, ArgumentName, filterType, typeof(FilterInputType), filterType);

    /// <summary>The predicate the client's <c>where</c> argument asks for, or null when it sent none.</summary>
    /// <exception cref="ExecutionError">INVALID_ARGUMENT for a filter validation cannot refuse (e.g. an ID of another type).</exception>
    public static Expression<Func<T, bool>>? GetFilterExpression<T>(this IResolveFieldContext context)
    {
        if (FieldArguments.DeclaredType(context, ArgumentName) is not FilterInputType<T> filter)
            throw new InvalidOperationException($"'{ArgumentName}' of '{context.FieldDefinition.Name}' does not filter {typeof(T).Name}.");
        return FieldArguments.Value(context, ArgumentName) is { } value
            ? FilterCompiler.Compile(filter, FilterCompiler.AsObject(value))
            : null;
    }

    /// <summary>Applies the client's <c>where</c> argument, if any, as a SQL predicate.</summary>
    public static IQueryable<T> ApplyWhere<T>(this IQueryable<T> query, IResolveFieldContext context)
        => context.GetFilterExpression<T>() is { } predicate ? query.Where(predicate) : query;
}
