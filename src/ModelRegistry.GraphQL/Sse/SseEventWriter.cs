using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace ModelRegistry.GraphQL.Sse;

/// <summary>Writes Server-Sent Events one at a time so results and keep-alive comments never interleave.</summary>
internal sealed class SseEventWriter(HttpContext context)
{
    private readonly SemaphoreSlim writeLock = new(1, 1);

    public async Task StartAsync()
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // Clients resolve the connection on the headers, so send them before the first result exists.
        await response.Body.FlushAsync(context.RequestAborted);
    }

    public Task WriteEventAsync(string name, string data)
        => WriteAsync($"event: {name}\ndata: {data}\n\n");

    public Task WriteCommentAsync() => WriteAsync(":\n\n");

    private async Task WriteAsync(string text)
    {
        await writeLock.WaitAsync(context.RequestAborted);
        try
        {
            await context.Response.WriteAsync(text, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
        }
        finally
        {
            writeLock.Release();
        }
    }
}
