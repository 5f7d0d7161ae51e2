using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using ModelRegistry.Api.Tests.Governance;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Sockets;

/// <summary>
/// An event stream (GraphQL over SSE) holds no rights of its own either: revoking its key or the role it relied on ends
/// the subscription with one coded error event, and nothing produced after the revocation reaches it.
/// </summary>
public sealed class EventStreamRevocationTests(GovernanceHost host) : IClassFixture<GovernanceHost>
{
    private const string Events = "subscription($m: ID) { registryEvents(modelId: $m) { sequence type } }";

    [Fact]
    public async Task Revoking_a_key_ends_its_event_streams_with_FORBIDDEN_and_delivers_nothing_more()
    {
        var (modelId, modelName) = await ModelAsync();
        var principal = GovernanceArrange.Unique("sse-revoked-key");
        var created = await host.Admin.MutateAsync(Ops.CreateApiKey, new { name = "tests", principal });
        await host.Admin.GrantAsync(principal, "VIEWER", $"model:{modelName}");
        await using var stream = await EventStream.OpenAsync(host.CreateClient(), created.GetProperty("secret").GetString()!, Events, new { m = modelId });
        var seen = await LiveAsync(stream, modelId);

        await host.Admin.MutateAsync(Ops.RevokeApiKey, new { id = created.GetProperty("apiKey").GetProperty("id").GetString() });
        await CreateVersionAsync(modelId);

        var ended = await stream.ErrorAsync();
        Assert.Equal("FORBIDDEN", (string?)ended["extensions"]!["code"]);
        Assert.True(await stream.CompletedAsync(), "The stream did not complete after its key was revoked.");
        Assert.All(stream.Sequences, s => Assert.True(s <= seen, $"Event {s} was delivered after the key was revoked."));
    }

    [Fact]
    public async Task Revoking_a_role_ends_the_event_streams_it_allowed_with_AUTHORIZATION_REVOKED()
    {
        var (modelId, modelName) = await ModelAsync();
        var principal = GovernanceArrange.Unique("sse-revoked-role");
        var key = await host.Admin.MutateAsync(Ops.CreateApiKey, new { name = "tests", principal });
        var grant = await host.Admin.GrantAsync(principal, "VIEWER", $"model:{modelName}");
        await using var stream = await EventStream.OpenAsync(host.CreateClient(), key.GetProperty("secret").GetString()!, Events, new { m = modelId });
        var seen = await LiveAsync(stream, modelId);

        await host.Admin.MutateAsync(Ops.RevokeRole, new { id = grant });
        await CreateVersionAsync(modelId);

        var ended = await stream.ErrorAsync();
        Assert.Equal("AUTHORIZATION_REVOKED", (string?)ended["extensions"]!["code"]);
        Assert.True(await stream.CompletedAsync(), "The stream did not complete after its role was revoked.");
        Assert.All(stream.Sequences, s => Assert.True(s <= seen, $"Event {s} was delivered after the role was revoked."));
    }

    [Fact]
    public async Task An_event_stream_opened_with_a_bearer_token_ends_with_FORBIDDEN_when_the_token_expires()
    {
        var token = GovernanceHost.Token(GovernanceArrange.Unique("sse-expiring-user"), [], DateTime.UtcNow.AddSeconds(3));
        await using var stream = await EventStream.OpenAsync(host.CreateClient(), $"Bearer {token}", Events, new { m = (string?)null });

        var ended = await stream.ErrorAsync();

        Assert.Equal("FORBIDDEN", (string?)ended["extensions"]!["code"]);
        Assert.Contains("expired", (string?)ended["message"]);
        Assert.True(await stream.CompletedAsync(), "The stream did not complete when its token expired.");
    }

    // A live subscription has no acknowledgement: create versions until the stream delivers one.
    private async Task<long> LiveAsync(EventStream stream, string modelId)
    {
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            await CreateVersionAsync(modelId);
            if (await stream.NextEventAsync(TimeSpan.FromSeconds(1)))
                return stream.Sequences.Max();
        }
        throw new InvalidOperationException("The event stream never went live.");
    }

    private Task CreateVersionAsync(string modelId) => host.Admin.VersionAsync(modelId);

    private async Task<(string Id, string Name)> ModelAsync()
    {
        var name = GovernanceArrange.Unique("sse-revocation-model");
        return (await host.Admin.ModelAsync(name, GovernanceArrange.Unique("sse-revocation-team")), name);
    }

    /// <summary>One GraphQL-over-SSE subscription in distinct connections mode, read in the background.</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        private readonly HttpClient http;
        private readonly HttpResponseMessage response;
        private readonly CancellationTokenSource stop = new();
        private readonly Channel<(string Event, string Data)> events = Channel.CreateUnbounded<(string, string)>();
        private readonly Task reading;

        private EventStream(HttpClient http, HttpResponseMessage response)
        {
            this.http = http;
            this.response = response;
            reading = ReadAsync();
        }

        public List<long> Sequences { get; } = [];

        /// <summary>Opens the stream with an API key, or with "Bearer &lt;token&gt;".</summary>
        public static async Task<EventStream> OpenAsync(HttpClient http, string key, string query, object variables)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (key.StartsWith("Bearer ", StringComparison.Ordinal))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key["Bearer ".Length..]);
            else
                request.Headers.Add("X-Api-Key", key);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            return new EventStream(http, response);
        }

        /// <summary>True when a data event arrived within <paramref name="timeout"/>.</summary>
        public async Task<bool> NextEventAsync(TimeSpan timeout)
        {
            using var wait = new CancellationTokenSource(timeout);
            try
            {
                while (true)
                {
                    var (name, data) = await events.Reader.ReadAsync(wait.Token);
                    if (name == "next" && Record(JsonNode.Parse(data)!) is null)
                        return true;
                }
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        /// <summary>The first error event, waiting up to ten seconds.</summary>
        public async Task<JsonNode> ErrorAsync()
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (true)
            {
                var (name, data) = await events.Reader.ReadAsync(wait.Token);
                if (name == "next" && Record(JsonNode.Parse(data)!) is { } error)
                    return error;
            }
        }

        /// <summary>True when a complete event arrives, or the stream ends, within ten seconds.</summary>
        public async Task<bool> CompletedAsync()
        {
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                while (await events.Reader.WaitToReadAsync(wait.Token))
                {
                    var (name, data) = await events.Reader.ReadAsync(wait.Token);
                    if (name == "complete")
                        return true;
                    if (name == "next")
                        Record(JsonNode.Parse(data)!);
                }
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            response.Dispose();
            try
            {
                await reading;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
            {
                // Closed by the test.
            }
            stop.Dispose();
            http.Dispose();
        }

        // Records a delivered event's sequence; returns the first error of an error result instead.
        private JsonNode? Record(JsonNode result)
        {
            if (result["errors"] is JsonArray { Count: > 0 } errors)
                return errors[0];
            Sequences.Add((long)result["data"]!["registryEvents"]!["sequence"]!);
            return null;
        }

        private async Task ReadAsync()
        {
            try
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                string? name = null;
                var data = new StringBuilder();
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.StartsWith("event:", StringComparison.Ordinal))
                        name = line[6..].Trim();
                    else if (line.StartsWith("data:", StringComparison.Ordinal))
                        data.Append(line[5..].TrimStart());
                    else if (line.Length == 0 && name is not null)
                    {
                        await events.Writer.WriteAsync((name, data.ToString()));
                        name = null;
                        data.Clear();
                    }
                }
            }
            finally
            {
                events.Writer.TryComplete();
            }
        }
    }
}
