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

    /// <summary>The document has more tokens than <see cref="GraphQLLimits.MaxTokens"/>; it was not parsed.</summary>
    public const string MaxTokensExceeded = "MAX_TOKENS_EXCEEDED";

    /// <summary>One location carries more directives than <see cref="GraphQLLimits.MaxDirectivesPerLocation"/>.</summary>
    public const string MaxDirectivesExceeded = "MAX_DIRECTIVES_EXCEEDED";

    /// <summary>One selection set holds more selections than <see cref="GraphQLLimits.MaxSelectionsPerSet"/>.</summary>
    public const string MaxSelectionsExceeded = "MAX_SELECTIONS_EXCEEDED";

    /// <summary>A field, directive or input object has more arguments or fields than <see cref="GraphQLLimits.MaxArguments"/>.</summary>
    public const string MaxArgumentsExceeded = "MAX_ARGUMENTS_EXCEEDED";

    /// <summary>The document defines more fragments than <see cref="GraphQLLimits.MaxFragments"/>.</summary>
    public const string MaxFragmentsExceeded = "MAX_FRAGMENTS_EXCEEDED";

    /// <summary>The document spreads fragments more often than <see cref="GraphQLLimits.MaxFragmentSpreads"/>.</summary>
    public const string MaxFragmentSpreadsExceeded = "MAX_FRAGMENT_SPREADS_EXCEEDED";

    /// <summary>With fragments inlined, the operations select more fields than <see cref="GraphQLLimits.MaxExpandedFields"/>.</summary>
    public const string MaxExpandedFieldsExceeded = "MAX_EXPANDED_FIELDS_EXCEEDED";

    /// <summary>The server began shutting down while the operation was still running; it was cancelled.</summary>
    public const string ServerStopping = "SERVER_STOPPING";
}
