using System.Text.Json.Nodes;

namespace ModelRegistry.GraphQL.Tests.Sse;

/// <summary>Reads Server-Sent Events as a client does: name and data per blank-line-terminated block, comments skipped.</summary>
public sealed class EventStreamReader(Stream stream) : IDisposable
{
    private readonly StreamReader reader = new(stream);

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async Task<(string Event, JsonNode? Data)?> ReadAsync()
    {
        string? name = null;
        string? data = null;
        while (await reader.ReadLineAsync() is { } line)
        {
            if (line.Length == 0)
            {
                if (name is null && data is null)
                    continue;
                return (name ?? "message", string.IsNullOrEmpty(data) ? null : JsonNode.Parse(data));
            }
            if (line.StartsWith(':'))
                continue;
            if (line.StartsWith("event:", StringComparison.Ordinal))
                name = line["event:".Length..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal))
                data = (data is null ? "" : data + "\n") + line["data:".Length..].TrimStart();
        }
        return null;
    }

    /// <summary>Closes the stream.</summary>
    public void Dispose() => reader.Dispose();
}
