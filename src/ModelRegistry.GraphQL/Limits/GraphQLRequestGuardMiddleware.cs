using GraphQL;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Limits;

/// <summary>
/// Guards the endpoint path for every transport before any body is parsed: bodies over
/// <see cref="GraphQLLimits.MaxRequestBodySize"/> get 413 <c>REQUEST_TOO_LARGE</c>, and GET operations that carry cookies
/// but no preflight-forcing header get 403 <c>PREFLIGHT_REQUIRED</c> (cross-site request forgery).
/// </summary>
public sealed class GraphQLRequestGuardMiddleware(RequestDelegate next, IOptions<GraphQLEndpointOptions> options, IGraphQLSerializer serializer)
{
    /// <summary>Handles one request.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var endpoint = options.Value;
        var request = context.Request;
        if (!request.Path.Equals(endpoint.Path, StringComparison.OrdinalIgnoreCase) || context.WebSockets.IsWebSocketRequest)
        {
            await next(context);
            return;
        }
        var limits = endpoint.Limits;
        if (limits.RequirePreflightForCookieGets && IsForgeableGet(request, limits))
        {
            await RefuseAsync(context, StatusCodes.Status403Forbidden, LimitErrorCodes.PreflightRequired,
                "A GET operation sent with cookies must also carry a 'GraphQL-Preflight: 1' header, or use POST with a JSON body.");
            return;
        }
        if (limits.MaxRequestBodySize <= 0 || !HasBody(request))
        {
            await next(context);
            return;
        }
        if (request.ContentLength > limits.MaxRequestBodySize)
        {
            await RefuseTooLargeAsync(context, limits.MaxRequestBodySize);
            return;
        }
        // Without a trustworthy length (chunked bodies) the only proof is reading: buffer at most one byte past the limit.
        var original = request.Body;
        using var buffer = new MemoryStream();
        bool withinLimit;
        try
        {
            withinLimit = await CopyAtMostAsync(original, buffer, limits.MaxRequestBodySize, context.RequestAborted);
        }
        catch (Exception ex) when (ex is BadHttpRequestException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            // A body the client framed wrongly (a chunk size that is not hex, or one past a long's range, which Kestrel
            // reports as a bare IOException) is the client's mistake; it had answered 500.
            await RefuseAsync(context, StatusCodes.Status400BadRequest, ErrorCodes.BadRequest,
                "The request body could not be read: its chunked encoding is broken or it ended early.");
            return;
        }
        if (!withinLimit)
        {
            await RefuseTooLargeAsync(context, limits.MaxRequestBodySize);
            return;
        }
        buffer.Position = 0;
        request.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            request.Body = original;
        }
    }

    private static bool IsForgeableGet(HttpRequest request, GraphQLLimits limits)
        => HttpMethods.IsGet(request.Method)
           && request.Query.ContainsKey("query")
           && request.Headers.Cookie.Count > 0
           && !limits.PreflightHeaders.Any(header => request.Headers.ContainsKey(header));

    private static bool HasBody(HttpRequest request)
        => request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static async Task<bool> CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
                return false;
            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
        return true;
    }

    private Task RefuseTooLargeAsync(HttpContext context, long limit)
        => RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, LimitErrorCodes.RequestTooLarge,
            $"The request body is larger than {limit} bytes.");

    private async Task RefuseAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
        await serializer.WriteAsync(context.Response.Body, result, context.RequestAborted);
    }
}
