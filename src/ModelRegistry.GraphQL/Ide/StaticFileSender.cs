using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace ModelRegistry.GraphQL.Ide;

/// <summary>
/// Serves one file of a bundle the server ships (the IDE, the registry's pages): its content type, length and
/// Last-Modified, a Cache-Control the caller chooses per file, and the body on GET only (HEAD gets the headers).
/// </summary>
public static class StaticFileSender
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// Sends <paramref name="relativePath"/> from <paramref name="files"/>; false when there is no such file.
    /// <paramref name="charsetOnText"/> adds <c>; charset=utf-8</c> to text and JavaScript types.
    /// </summary>
    public static async Task<bool> SendAsync(HttpContext context, IFileProvider files, string relativePath, Func<IFileInfo, string> cacheControl,
        bool charsetOnText = false)
    {
        var file = files.GetFileInfo(relativePath);
        if (!file.Exists || file.IsDirectory)
            return false;
        if (!ContentTypes.TryGetContentType(file.Name, out var contentType))
            contentType = "application/octet-stream";
        var response = context.Response;
        response.ContentType = charsetOnText && (contentType.StartsWith("text/", StringComparison.Ordinal) || contentType.EndsWith("javascript", StringComparison.Ordinal))
            ? contentType + "; charset=utf-8"
            : contentType;
        response.ContentLength = file.Length;
        response.Headers.CacheControl = cacheControl(file);
        response.Headers.LastModified = file.LastModified.ToString("R");
        if (HttpMethods.IsGet(context.Request.Method))
            await response.SendFileAsync(file, context.RequestAborted);
        return true;
    }
}
