namespace ModelRegistry.GraphQL.Sorting;

/// <summary>Sort direction; exposed as <c>enum SortEnumType { ASC DESC }</c> through <c>EnumerationGraphType&lt;SortEnumType&gt;</c>.</summary>
public enum SortEnumType
{
    /// <summary>Ascending.</summary>
    Asc,

    /// <summary>Descending.</summary>
    Desc,
}
