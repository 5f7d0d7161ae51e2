namespace ModelRegistry.GraphQL.Limits;

/// <summary>Limits that keep one request from exhausting the server (OWASP GraphQL cheat sheet); zero turns a numeric limit off.</summary>
public sealed class GraphQLLimits
{
    /// <summary>Deepest field nesting accepted in an operation, leaf fields included.</summary>
    public int MaxDepth { get; set; } = 15;

    /// <summary>
    /// Largest estimated cost of an operation: the most objects its answer can hold (<see cref="CostAndDepthRule"/>). Calibrated on
    /// the frontend operations in <c>schema/operations</c> (the heaviest, a lineage picture of 500 versions with their metrics,
    /// is about 258,000) and below the smallest hostile shape the security docs list (over 1,000,000).
    /// </summary>
    public double MaxComplexity { get; set; } = 500_000;

    /// <summary>The page size assumed for a list or connection that names neither <c>first</c> nor <c>last</c>.</summary>
    public int DefaultListSize { get; set; } = 10;

    /// <summary>Most aliased fields accepted in an operation and the fragments it uses.</summary>
    public int MaxAliases { get; set; } = 30;

    /// <summary>Most fields accepted in an operation's root selection set.</summary>
    public int MaxRootFields { get; set; } = 20;

    /// <summary>
    /// Most lexical tokens (punctuators, names, values, comments) accepted in a document. Counted before parsing and
    /// stopped at the limit, so an oversized document costs the same whatever its size.
    /// </summary>
    public int MaxTokens { get; set; } = 15_000;

    /// <summary>Most directives accepted on one field, fragment, operation or variable.</summary>
    public int MaxDirectivesPerLocation { get; set; } = 10;

    /// <summary>Most selections (fields, fragment spreads, inline fragments) accepted in one selection set.</summary>
    public int MaxSelectionsPerSet { get; set; } = 100;

    /// <summary>Most arguments accepted on one field or directive, and most fields in one input object value.</summary>
    public int MaxArguments { get; set; } = 25;

    /// <summary>Most fragment definitions accepted in a document.</summary>
    public int MaxFragments { get; set; } = 100;

    /// <summary>Most fragment spreads accepted in a document, counted where they are written.</summary>
    public int MaxFragmentSpreads { get; set; } = 250;

    /// <summary>
    /// Most fields the document's operations select once every fragment spread is replaced by its fields; this is what
    /// validation and the cost analysis walk, so it bounds their work.
    /// </summary>
    public int MaxExpandedFields { get; set; } = 2_000;

    /// <summary>When false, <c>__schema</c> and <c>__type</c> are refused; <c>__typename</c> stays allowed.</summary>
    public bool Introspection { get; set; } = true;

    /// <summary>Largest request body, in bytes, read at the endpoint path.</summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>
    /// How long one operation may take, from parsing through validation to its last resolver, before it is cancelled;
    /// subscriptions are exempt once their stream is set up.
    /// </summary>
    public TimeSpan ExecutionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When true, a GET operation that carries cookies must also carry one of <see cref="PreflightHeaders"/>, so a cross-site
    /// page cannot make the browser send it without a CORS preflight.
    /// </summary>
    public bool RequirePreflightForCookieGets { get; set; } = true;

    /// <summary>Headers that prove a request went through a CORS preflight (none is CORS-safelisted).</summary>
    public ISet<string> PreflightHeaders { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "GraphQL-Preflight", "Authorization" };
}
