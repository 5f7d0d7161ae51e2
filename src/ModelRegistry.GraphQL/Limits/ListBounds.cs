using GraphQL;
using GraphQL.Builders;
using GraphQL.DataLoader;
using GraphQL.Types;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// What the cost estimate knows about a plain list field: the most items it can hold. A list is either bounded by the
/// registry's own rules (at most 50 tags, 500 metrics) or sliced by a <c>first</c> argument with a default and a maximum,
/// so no plain list in the schema can grow without a bound the estimate charges for.
/// </summary>
public static class ListBounds
{
    /// <summary>Metadata key: the most items a bounded list holds.</summary>
    public const string BoundKey = "registry.cost.listBound";

    /// <summary>Metadata key: the largest <c>first</c> a sliced list accepts.</summary>
    public const string SliceMaxKey = "registry.cost.sliceMax";

    /// <summary>Metadata key: the <c>first</c> a sliced list uses when the client gives none.</summary>
    public const string SliceDefaultKey = "registry.cost.sliceDefault";

    /// <summary>The <c>first</c> a sliced list uses by default when the client gives none, as connections do.</summary>
    public const int DefaultSlice = 10;

    /// <summary>The largest <c>first</c> a sliced list accepts by default, as connections do.</summary>
    public const int MaxSlice = 100;

    /// <summary>Marks a list field that never holds more than <paramref name="bound"/> items.</summary>
    public static FieldBuilder<TSource, TReturn> Bounded<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, int bound)
        => field.WithMetadata(BoundKey, bound);

    /// <summary>
    /// Adds <c>first: Int = <paramref name="defaultSize"/></c> to a list field that can grow without bound; the resolver
    /// keeps the first <see cref="SliceSize"/> items, and a <c>first</c> over <paramref name="max"/> is refused.
    /// </summary>
    public static FieldBuilder<TSource, TReturn> Sliced<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field,
        int defaultSize = DefaultSlice, int max = MaxSlice)
    {
        field.Argument<IntGraphType>("first",
            $"Return at most this many items, in the list's order: {defaultSize} when omitted, at most {max}.",
            a => a.DefaultValue = defaultSize);
        return field.WithMetadata(SliceDefaultKey, defaultSize).WithMetadata(SliceMaxKey, max);
    }

    /// <summary>The <c>first</c> of a sliced list, checked: a negative value or one over the maximum is INVALID_ARGUMENT.</summary>
    public static int SliceSize(this IResolveFieldContext context)
    {
        var max = context.FieldDefinition.GetMetadata(SliceMaxKey, MaxSlice);
        var first = context.GetArgument<int?>("first") ?? context.FieldDefinition.GetMetadata(SliceDefaultKey, DefaultSlice);
        if (first < 0)
            throw new ExecutionError("'first' must not be negative.") { Code = ErrorCodes.InvalidArgument };
        if (first > max)
        {
            throw new ExecutionError($"Requesting {first} items exceeds the maximum of {max} for '{context.FieldDefinition.Name}'.")
            {
                Code = ErrorCodes.InvalidArgument,
            };
        }
        return first;
    }

    /// <summary>The first <see cref="SliceSize"/> items of a pending list.</summary>
    public static IDataLoaderResult<IReadOnlyList<T>> Slice<T>(this IResolveFieldContext context, IDataLoaderResult<IReadOnlyList<T>> pending)
        => new SlicedResult<T>(pending, context.SliceSize());

    /// <summary>The first <see cref="SliceSize"/> items of a list.</summary>
    public static IReadOnlyList<T> Slice<T>(this IResolveFieldContext context, IEnumerable<T> items)
        => items.Take(context.SliceSize()).ToList();

    /// <summary>The bound the cost estimate uses for <paramref name="field"/> with no slicing argument given, or null when it has none.</summary>
    public static int? DeclaredBound(FieldType field)
    {
        if (field.GetMetadata<int?>(BoundKey) is { } bound)
            return bound;
        return field.GetMetadata<int?>(SliceDefaultKey);
    }

    private sealed class SlicedResult<T>(IDataLoaderResult<IReadOnlyList<T>> inner, int size) : IDataLoaderResult<IReadOnlyList<T>>
    {
        public async Task<IReadOnlyList<T>> GetResultAsync(CancellationToken cancellationToken = default)
        {
            var all = await inner.GetResultAsync(cancellationToken);
            return all.Count <= size ? all : all.Take(size).ToList();
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken)
            => await GetResultAsync(cancellationToken);
    }
}
