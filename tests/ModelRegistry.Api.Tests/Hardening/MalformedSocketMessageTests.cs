using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Hardening;

/// <summary>
/// Socket messages that are JSON but no readable GraphQL message (a key given twice, a lone surrogate escape in an id or
/// a type, a number beyond a double, which left the operation unanswered) are the client's mistakes: each is refused as
/// the protocol refuses any malformed message, and the socket is closed with a documented code or stays open, never
/// dropped without a close frame. Found by the fuzz suite.
/// </summary>
public sealed class MalformedSocketMessageTests(HardenedApiFactory factory) : IClassFixture<HardenedApiFactory>
{
    private const string Key = HardenedApiFactory.AdminKey;

    /// <summary>Messages after the acknowledgement; {type} is subscribe or start.</summary>
    public static TheoryData<string, string> AfterAcknowledgement => new()
    {
        { "a variable given twice", """{"id":"1","type":"{type}","payload":{"query":"query($a: Int) { __typename }","variables":{"a":1,"a":2}}}""" },
        { "a nested key given twice", """{"id":"1","type":"{type}","payload":{"query":"{ __typename }","variables":{"v":{"x":1,"x":2}}}}""" },
        { "an extension given twice", """{"id":"1","type":"{type}","payload":{"query":"{ __typename }","extensions":{"e":1,"e":2}}}""" },
        { "an id with a lone surrogate", """{"id":"\ud800","type":"{type}","payload":{"query":"{ __typename }"}}""" },
        { "a variable beyond a double", """{"id":"1","type":"{type}","payload":{"query":"query($n: Float) { __typename }","variables":{"n":1e400}}}""" },
        { "an undeclared variable beyond a double", """{"id":"1","type":"{type}","payload":{"query":"{ __typename }","variables":{"n":1E+9999}}}""" },
        { "a type with a lone surrogate", """{"id":"1","type":"\udfff"}""" },
    };

    [Theory]
    [MemberData(nameof(AfterAcknowledgement))]
    public async Task An_unreadable_message_closes_a_graphql_transport_ws_socket_with_4400(string why, string message)
    {
        await using var socket = await RegistrySocket.ConnectAsync(factory, RegistrySocket.TransportWs, Key);

        await socket.SendTextAsync(message.Replace("{type}", "subscribe"));

        Assert.True(await socket.ClosedAsync() == 4400, $"{why}: the socket was not closed with 4400 after: {socket.Log()}");
    }

    [Theory]
    [MemberData(nameof(AfterAcknowledgement))]
    public async Task An_unreadable_message_is_answered_on_a_legacy_socket_which_keeps_serving(string why, string message)
    {
        await using var socket = await RegistrySocket.ConnectAsync(factory, RegistrySocket.LegacyWs, Key);

        await socket.SendTextAsync(message.Replace("{type}", "start"));
        var refusal = await socket.ReceiveAsync(m => (string?)m["type"] is "error" or "connection_error");
        var next = await socket.RunAsync("2", "{ __typename }");

        Assert.Contains("BAD_REQUEST", refusal.ToJsonString());
        Assert.True((string?)next["data"]?["__typename"] == "Query", $"{why}: {socket.Log()}");
    }

    [Theory]
    [InlineData(RegistrySocket.TransportWs)]
    [InlineData(RegistrySocket.LegacyWs)]
    public async Task A_connection_init_payload_with_a_key_given_twice_is_refused_as_malformed(string protocol)
    {
        await using var socket = await RegistrySocket.OpenAsync(factory, protocol);

        await socket.SendTextAsync("""{"type":"connection_init","payload":{"X-Api-Key":"KEY","X-Api-Key":"KEY"}}""".Replace("KEY", Key));

        if (protocol == RegistrySocket.TransportWs)
        {
            Assert.Equal(4400, await socket.ClosedAsync());
        }
        else
        {
            var refusal = await socket.ReceiveAsync(m => (string?)m["type"] == "connection_error");
            Assert.Contains("BAD_REQUEST", refusal.ToJsonString());
        }
    }

    [Theory]
    [InlineData(RegistrySocket.TransportWs)]
    [InlineData(RegistrySocket.LegacyWs)]
    public async Task A_document_with_a_lone_carriage_return_is_answered_on_a_socket_which_keeps_serving(string protocol)
    {
        // The subscription-sharing check parsed documents on its own, without the executor's preparation: a syntax error
        // after a lone CR threw from the parser's message and the socket never answered again.
        await using var socket = await RegistrySocket.ConnectAsync(factory, protocol, Key);

        await socket.StartAsync("cr", "{ a \r b");
        var refusal = await socket.ReceiveAsync(m => (string?)m["id"] == "cr" && (string?)m["type"] is "error" or "next" or "data");
        var after = await socket.RunAsync("after", "{ __typename }");

        Assert.Contains("GRAPHQL_PARSE_FAILED", refusal.ToJsonString());
        Assert.Equal("Query", (string?)after["data"]!["__typename"]);
    }
}
