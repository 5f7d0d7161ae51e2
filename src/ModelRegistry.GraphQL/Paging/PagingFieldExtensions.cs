using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;

namespace ModelRegistry.GraphQL.Paging;

/// <summary>Adds Relay paging arguments to connection fields and reads them back in resolvers.</summary>
public static class PagingFieldExtensions
{
    /// <summary>Adds <c>first</c>, <c>after</c>, <c>last</c> and <c>before</c>.</summary>
    public static FieldBuilder<TSource, TReturn> AddPagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
        => field.AddForwardPagingArguments()
            .Argument<IntGraphType>("last", "Returns the last _n_ elements from the list.")
            .Argument<StringGraphType>("before", "Returns the elements in the list that come before the specified cursor.");

    /// <summary>Adds only <c>first</c> and <c>after</c>, for connections that page forwards only.</summary>
    public static FieldBuilder<TSource, TReturn> AddForwardPagingArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
        => field
            .Argument<IntGraphType>("first", "Returns the first _n_ elements from the list.")
            .Argument<StringGraphType>("after", "Returns the elements in the list that come after the specified cursor.");

    /// <summary>Reads the paging arguments the client sent; arguments the field does not declare read as null.</summary>
    public static PagingArguments GetPagingArguments(this IResolveFieldContext context)
        => new(
            context.GetArgument<int?>("first"),
            context.GetArgument<string?>("after"),
            context.GetArgument<int?>("last"),
            context.GetArgument<string?>("before"));
}
