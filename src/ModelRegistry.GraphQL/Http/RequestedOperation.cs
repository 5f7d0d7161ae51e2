using GraphQL;
using GraphQLParser;
using GraphQLParser.Exceptions;

namespace ModelRegistry.GraphQL.Http;

/// <summary>
/// Tells, from the tokens alone, whether a request runs a subscription: content negotiation needs the operation type
/// before the executor parses, and a syntax tree built only for that would be built twice. The scan reads top-level
/// definition headers and skips their bodies, and it stops at the token budget, so a hostile document costs no more here
/// than the executor's own token limit lets it.
/// </summary>
public static class RequestedOperation
{
    /// <summary>
    /// True when the operation <paramref name="operationName"/> (or the document's first operation when null) is a
    /// subscription. A document that does not lex, exceeds <paramref name="maxTokens"/> (0: no limit) or names no such
    /// operation is not: it goes to JSON, where the executor reports what is wrong with it.
    /// </summary>
    public static bool IsSubscription(string? query, string? operationName, int maxTokens)
    {
        if (string.IsNullOrEmpty(query))
            return false;
        try
        {
            // Lexing a long line that holds a syntax error costs the square of its column (see DocumentText).
            query = Errors.DocumentText.Prepare(query);
        }
        catch (ExecutionError)
        {
            return false;
        }
        var position = 0;
        var depth = 0;
        var parentheses = 0;
        string? keyword = null;
        string? name = null;
        for (var count = 0; maxTokens <= 0 || count <= maxTokens; count++)
        {
            Token token;
            try
            {
                token = Lexer.Lex(query, position);
            }
            catch (GraphQLSyntaxErrorException)
            {
                return false;
            }
            position = token.End;
            switch (token.Kind)
            {
                case TokenKind.EOF:
                    return false;
                case TokenKind.PAREN_L when depth == 0:
                    parentheses++;
                    break;
                case TokenKind.PAREN_R when depth == 0:
                    parentheses--;
                    break;
                case TokenKind.BRACE_L when depth == 0 && parentheses == 0:
                    // A body opens (braces inside variable defaults or directive arguments are within parentheses); a
                    // shorthand "{ … }" is an anonymous query.
                    var kind = keyword ?? "query";
                    if (kind != "fragment" && (operationName is null || operationName == name))
                        return kind == "subscription";
                    depth++;
                    break;
                case TokenKind.BRACE_L when parentheses == 0:
                    depth++;
                    break;
                case TokenKind.BRACE_R when parentheses == 0:
                    depth--;
                    if (depth == 0)
                        (keyword, name) = (null, null);
                    break;
                case TokenKind.NAME when depth == 0 && parentheses == 0 && keyword is null:
                    keyword = token.Value.ToString();
                    break;
                case TokenKind.NAME when depth == 0 && parentheses == 0 && name is null:
                    name = token.Value.ToString();
                    break;
            }
        }
        return false;
    }
}
