using GraphQL;
using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// Counts a document's tokens before the engine parses it and refuses it with <c>MAX_TOKENS_EXCEEDED</c> past
/// <see cref="GraphQLLimits.MaxTokens"/>. Lexing stops at the limit, so a refused document costs the same at 60 KB as at
/// 1 MB, and no syntax tree is built for it.
/// </summary>
public sealed class TokenBudgetDocumentBuilder(IDocumentBuilder parser, IOptions<GraphQLEndpointOptions> options) : IDocumentBuilder
{
    /// <inheritdoc />
    public GraphQLDocument Build(string body)
    {
        var limit = options.Value.Limits.MaxTokens;
        if (limit <= 0)
            return parser.Build(body);
        // The lexer's syntax errors compose the same costly message as the parser's (see DocumentText). The prepared text
        // is handed on, so the parser's own preparation (idempotent) has at most a long string to read again.
        body = DocumentText.Prepare(body);
        if (ExceedsTokens(body, limit))
        {
            throw new ExecutionError($"The document has more than {limit} tokens; send a smaller document.")
            {
                Code = LimitErrorCodes.MaxTokensExceeded,
            };
        }
        return parser.Build(body);
    }

    /// <summary>True when <paramref name="body"/> holds more than <paramref name="limit"/> tokens; reads at most that many.</summary>
    public static bool ExceedsTokens(string body, int limit)
    {
        var position = 0;
        for (var count = 0; count <= limit; count++)
        {
            Token token;
            try
            {
                token = Lexer.Lex(body, position);
            }
            catch (GraphQLSyntaxErrorException)
            {
                // Not a valid document within the budget: the parser reports the syntax error, cheaply, at the same place.
                return false;
            }
            if (token.Kind == TokenKind.EOF)
                return false;
            position = token.End;
        }
        return true;
    }
}
