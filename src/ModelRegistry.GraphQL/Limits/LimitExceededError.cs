using GraphQL.Validation;
using GraphQLParser.AST;
using ModelRegistry.GraphQL.Errors;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>A document refused by one of the toolkit's limits before execution; it keeps its own <c>extensions.code</c>.</summary>
public sealed class LimitExceededError : ValidationError, ICodedError
{
    /// <summary>Creates the error, pointing at <paramref name="node"/> when there is one.</summary>
    public LimitExceededError(ValidationContext context, string code, string message, ASTNode? node)
        : base(context.Document.Source, null, message, node is null ? [] : [node])
    {
        Code = code;
    }

    /// <summary>Creates the error for a document refused before validation began.</summary>
    public LimitExceededError(GraphQLDocument document, string code, string message, ASTNode? node)
        : base(document.Source, null, message, node is null ? [] : [node])
    {
        Code = code;
    }
}
