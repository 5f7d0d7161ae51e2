namespace ModelRegistry.GraphQL.Filtering;

/// <summary>Field names of the operation inputs, as Hot Chocolate spells them.</summary>
public static class FilterOperations
{
    /// <summary>Conjunction of a list of filters of the same type.</summary>
    public const string And = "and";
    /// <summary>Disjunction of a list of filters of the same type.</summary>
    public const string Or = "or";
    /// <summary>Equal to the value; <c>eq: null</c> means "is null".</summary>
    public const string Eq = "eq";
    /// <summary>Not equal to the value; <c>neq: null</c> means "is not null".</summary>
    public const string Neq = "neq";
    /// <summary>One of the listed values.</summary>
    public const string In = "in";
    /// <summary>None of the listed values.</summary>
    public const string Nin = "nin";
    /// <summary>Greater than.</summary>
    public const string Gt = "gt";
    /// <summary>Not greater than.</summary>
    public const string Ngt = "ngt";
    /// <summary>Greater than or equal.</summary>
    public const string Gte = "gte";
    /// <summary>Not greater than or equal.</summary>
    public const string Ngte = "ngte";
    /// <summary>Less than.</summary>
    public const string Lt = "lt";
    /// <summary>Not less than.</summary>
    public const string Nlt = "nlt";
    /// <summary>Less than or equal.</summary>
    public const string Lte = "lte";
    /// <summary>Not less than or equal.</summary>
    public const string Nlte = "nlte";
    /// <summary>Contains the substring (ordinal).</summary>
    public const string Contains = "contains";
    /// <summary>Does not contain the substring.</summary>
    public const string NContains = "ncontains";
    /// <summary>Starts with the prefix (ordinal).</summary>
    public const string StartsWith = "startsWith";
    /// <summary>Does not start with the prefix.</summary>
    public const string NStartsWith = "nstartsWith";
    /// <summary>Ends with the suffix (ordinal).</summary>
    public const string EndsWith = "endsWith";
    /// <summary>Does not end with the suffix.</summary>
    public const string NEndsWith = "nendsWith";
    /// <summary>Every element of a list matches.</summary>
    public const string All = "all";
    /// <summary>No element of a list matches.</summary>
    public const string None = "none";
    /// <summary>At least one element of a list matches.</summary>
    public const string Some = "some";
    /// <summary><c>true</c>: the list has elements; <c>false</c>: it is empty.</summary>
    public const string Any = "any";

    /// <summary>Most values an <c>in</c>/<c>nin</c> list may hold; longer lists are refused with INVALID_ARGUMENT.</summary>
    public const int MaxListValues = 100_000;
}
