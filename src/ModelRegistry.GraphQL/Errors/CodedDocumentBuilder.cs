using GraphQL;
using GraphQL.Execution;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using ModelRegistry.GraphQL.Limits;

namespace ModelRegistry.GraphQL.Errors;

/// <summary>
/// Parses documents as GraphQL.NET's builder does, but answers a document nested past the parser's depth (selections,
/// or object and list values such as a deep <c>where</c>) with <c>MAX_DEPTH_EXCEEDED</c>. The stock builder throws an
/// exception the executer does not know, which reached clients as INTERNAL_SERVER_ERROR, and broke event streams.
/// </summary>
public sealed class CodedDocumentBuilder : IDocumentBuilder
{
    private readonly GraphQLDocumentBuilder _inner = new();

    /// <inheritdoc />
    public GraphQLDocument Build(string body)
    {
        try
        {
            return _inner.Build(WithNewlineBreaks(body));
        }
        catch (GraphQLMaxDepthExceededException)
        {
            throw new ExecutionError(
                "The document is nested too deeply to parse; flatten the selections, or the objects and lists of an argument.")
            {
                Code = LimitErrorCodes.MaxDepthExceeded,
            };
        }
    }

    /// <summary>
    /// Writes every lone carriage return as a line feed. The specification counts a lone CR as a line break, and so
    /// does the parser's error location, but the parser's error message splits the source at LF only: a syntax error
    /// after a lone CR indexed past its lines and answered INTERNAL_SERVER_ERROR. A lone CR can only be whitespace, a
    /// comment's end or a block string's line break (read as LF there anyway), so the document means the same.
    /// </summary>
    public static string WithNewlineBreaks(string body)
    {
        var index = body.IndexOf('\r');
        if (index < 0)
            return body;
        var chars = body.ToCharArray();
        for (; index < chars.Length; index++)
        {
            if (chars[index] == '\r' && (index + 1 == chars.Length || chars[index + 1] != '\n'))
                chars[index] = '\n';
        }
        return new string(chars);
    }
}
