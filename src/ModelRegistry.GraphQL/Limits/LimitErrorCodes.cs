namespace ModelRegistry.GraphQL.Limits;

/// <summary>The <c>extensions.code</c> values of refusals made by the toolkit's limits.</summary>
public static class LimitErrorCodes
{
    /// <summary>The operation nests fields deeper than <see cref="GraphQLLimits.MaxDepth"/>.</summary>
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";

    /// <summary>The operation's estimated cost exceeds <see cref="GraphQLLimits.MaxComplexity"/>.</summary>
    public const string MaxComplexityExceeded = "MAX_COMPLEXITY_EXCEEDED";

    /// <summary>The operation uses more aliases than <see cref="GraphQLLimits.MaxAliases"/>.</summary>
    public const string MaxAliasesExceeded = "MAX_ALIASES_EXCEEDED";

    /// <summary>The operation selects more root fields than <see cref="GraphQLLimits.MaxRootFields"/>.</summary>
    public const string MaxRootFieldsExceeded = "MAX_ROOT_FIELDS_EXCEEDED";

    /// <summary>The operation asks for <c>__schema</c> or <c>__type</c> while introspection is switched off.</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    /// <summary>The request body is larger than <see cref="GraphQLLimits.MaxRequestBodySize"/> (HTTP 413).</summary>
    public const string RequestTooLarge = "REQUEST_TOO_LARGE";

    /// <summary>The operation ran longer than <see cref="GraphQLLimits.ExecutionTimeout"/> and was cancelled.</summary>
    public const string ExecutionTimeout = "EXECUTION_TIMEOUT";

    /// <summary>A GET operation carried cookies but no header that forces a CORS preflight (HTTP 403).</summary>
    public const string PreflightRequired = "PREFLIGHT_REQUIRED";
}
