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
            return _inner.Build(DocumentText.Prepare(body));
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
}
