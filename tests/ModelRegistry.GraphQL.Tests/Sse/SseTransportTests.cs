using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelRegistry.GraphQL.Tests.WebSockets.Fixture;

namespace ModelRegistry.GraphQL.Tests.Sse;

/// <summary>GraphQL over SSE, distinct connections mode.</summary>
public sealed class SseTransportTests
{
    [Fact]
    public async Task Post_subscription_streams_next_events_then_complete()
    {
        await using var host = await TransportHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.SendAsync(Post("subscription { ticks(count: 2) { n } }"), HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());
        Assert.True(await host.Ticks.WaitForObserversAsync(true));
        host.Ticks.Publish(1);
        host.Ticks.Publish(2);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var first = await events.ReadAsync();
        var second = await events.ReadAsync();
        var complete = await events.ReadAsync();
        Assert.Equal(("next", 1), (first?.Event, (int?)first?.Data?["data"]?["ticks"]?["n"]));
        Assert.Equal(("next", 2), (second?.Event, (int?)second?.Data?["data"]?["ticks"]?["n"]));
        Assert.Equal("complete", complete?.Event);
        Assert.Null(await events.ReadAsync());
    }

    [Fact]
    public async Task Query_streams_one_next_then_complete()
    {
        await using var host = await TransportHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.SendAsync(Post("{ hello }"), HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        var next = await events.ReadAsync();
        Assert.Equal(("next", "world"), (next?.Event, (string?)next?.Data?["data"]?["hello"]));
        Assert.Equal("complete", (await events.ReadAsync())?.Event);
    }

    [Fact]
    public async Task Validation_errors_arrive_as_a_next_event_with_extensions_code()
    {
        await using var host = await TransportHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.SendAsync(Post("{ nope }"), HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        var next = await events.ReadAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("next", next?.Event);
        Assert.False(string.IsNullOrEmpty((string?)next?.Data?["errors"]?[0]?["extensions"]?["code"]));
        Assert.Equal("complete", (await events.ReadAsync())?.Event);
    }

    [Fact]
    public async Task Get_with_query_parameters_streams_the_result()
    {
        await using var host = await TransportHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.SendAsync(Get("{ hello }"), HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal("world", (string?)(await events.ReadAsync())?.Data?["data"]?["hello"]);
    }

    [Fact]
    public async Task Mutation_over_get_is_refused_with_METHOD_NOT_ALLOWED_as_over_HTTP()
    {
        await using var host = await TransportHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.SendAsync(Get("mutation { touch }"), HttpCompletionOption.ResponseHeadersRead);
        using var events = new EventStreamReader(await response.Content.ReadAsStreamAsync());

        var next = await events.ReadAsync();
        Assert.Null(next?.Data?["data"]);
        Assert.Equal("METHOD_NOT_ALLOWED", (string?)next?.Data?["errors"]?[0]?["extensions"]?["code"]);
    }

    [Fact]
    public async Task Refused_user_context_answers_403_with_FORBIDDEN()
    {
        await using var host = await TransportHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };
        var request = Post("{ hello }");
        request.Headers.Add("X-Reject", "1");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FORBIDDEN", body.RootElement.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString());
    }

    [Fact]
    public async Task Body_that_is_not_json_answers_400_with_BAD_REQUEST()
    {
        await using var host = await TransportHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };
        var request = Post("{ hello }");
        request.Content = new StringContent("{ not json", Encoding.UTF8, "application/json");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("BAD_REQUEST", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Request_without_event_stream_accept_passes_to_the_next_middleware()
    {
        await using var host = await TransportHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };
        var request = Post("{ hello }");
        request.Headers.Accept.Clear();
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await http.SendAsync(request);

        Assert.Equal(TransportHost.PassedThrough, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Keep_alive_comments_are_sent_while_waiting_for_events()
    {
        await using var host = await TransportHost.StartAsync(s => s.Sse.KeepAliveInterval = TimeSpan.FromMilliseconds(50));
        using var http = new HttpClient { BaseAddress = host.Address };

        using var response = await http.SendAsync(Post("subscription { ticks { n } }"), HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        Assert.Equal(":", await reader.ReadLineAsync());
    }

    [Fact]
    public async Task Client_disconnect_releases_the_subscription()
    {
        await using var host = await TransportHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.Address };
        var response = await http.SendAsync(Post("subscription { ticks { n } }"), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(await host.Ticks.WaitForObserversAsync(true));

        response.Dispose();
        http.Dispose();

        Assert.True(await host.Ticks.WaitForObserversAsync(false));
    }

    [Fact]
    public async Task Slow_consumer_is_disconnected_instead_of_buffering()
    {
        await using var host = await TransportHost.StartAsync(s => s.Sse.SubscriptionBufferSize = 4);
        using var http = new HttpClient { BaseAddress = host.Address };
        using var response = await http.SendAsync(
            Post("subscription { ticks { n padding(size: 65536) } }"), HttpCompletionOption.ResponseHeadersRead);
        Assert.True(await host.Ticks.WaitForObserversAsync(true));

        for (var n = 0; n < 5000 && host.Ticks.HasObservers; n++)
        {
            host.Ticks.Publish(n);
            await Task.Delay(1);
        }

        Assert.False(host.Ticks.HasObservers);
    }

    private static HttpRequestMessage Post(string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private static HttpRequestMessage Get(string query)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(query));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }
}
