using System.Text.Json.Nodes;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Governance;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Sockets;

/// <summary>
/// A socket holds no rights of its own: revoking its key closes it with 4403, and revoking a role ends the
/// subscriptions that relied on it and refuses the next operation, over both WebSocket protocols.
/// </summary>
public sealed class SocketRevocationTests(GovernanceHost host) : IClassFixture<GovernanceHost>
{
    private const string Events = "subscription($m: ID) { registryEvents(modelId: $m) { sequence type } }";
    private const string AllEvents = "subscription { registryEvents { sequence type } }";

    [Theory]
    [InlineData(RegistrySocket.TransportWs)]
    [InlineData(RegistrySocket.LegacyWs)]
    public async Task Revoking_a_key_closes_its_sockets_with_4403_and_runs_nothing_more_for_them(string protocol)
    {
        var (modelId, modelName) = await ModelAsync();
        var principal = GovernanceArrange.Unique("revoked-key");
        var created = await host.Admin.MutateAsync(Ops.CreateApiKey, new { name = "tests", principal });
        await host.Admin.GrantAsync(principal, "CONTRIBUTOR", $"model:{modelName}");
        await using var socket = await RegistrySocket.ConnectAsync(host, protocol, created.GetProperty("secret").GetString()!);
        // A second socket on the same key that sends nothing more: the revocation itself must close it.
        await using var idle = await RegistrySocket.ConnectAsync(host, protocol, created.GetProperty("secret").GetString()!);
        await idle.StartAsync("events", Events, new { m = modelId });
        var seen = await LiveSubscriptionAsync(socket, modelId);

        await host.Admin.MutateAsync(Ops.RevokeApiKey, new { id = created.GetProperty("apiKey").GetProperty("id").GetString() });
        await socket.StartAsync("after", Ops.CreateModelVersion, new { input = new { modelId } });
        await host.Admin.VersionAsync(modelId);

        Assert.Equal(4403, await socket.ClosedAsync());
        Assert.Equal(4403, await idle.ClosedAsync());
        Assert.All(EventSequences(idle), s => Assert.True(s <= seen.Sequence, $"Event {s} was delivered after the key was revoked."));
        Assert.DoesNotContain(socket.Received, m => (string?)m["id"] == "after" && (string?)m["type"] == socket.ResultType);
        Assert.All(EventSequences(socket), s => Assert.True(s <= seen.Sequence, $"Event {s} was delivered after the key was revoked."));
        Assert.Equal(seen.Versions + 1, await VersionCountAsync(modelId));
    }

    [Theory]
    [InlineData(RegistrySocket.TransportWs)]
    [InlineData(RegistrySocket.LegacyWs)]
    public async Task Revoking_a_role_ends_the_subscriptions_it_allowed_and_refuses_the_next_operation(string protocol)
    {
        var (modelId, modelName) = await ModelAsync();
        var principal = GovernanceArrange.Unique("revoked-role");
        var key = await host.Admin.MutateAsync(Ops.CreateApiKey, new { name = "tests", principal });
        var grant = await host.Admin.GrantAsync(principal, "CONTRIBUTOR", $"model:{modelName}");
        await using var socket = await RegistrySocket.ConnectAsync(host, protocol, key.GetProperty("secret").GetString()!);
        // Unfiltered, so that it is shared with any other subscriber who may read the same models.
        await socket.StartAsync("all", AllEvents);
        var seen = await LiveSubscriptionAsync(socket, modelId);

        await host.Admin.MutateAsync(Ops.RevokeRole, new { id = grant });
        await host.Admin.VersionAsync(modelId);
        var next = await socket.RunAsync("after", Ops.CreateModelVersion, new { input = new { modelId } });

        Assert.Equal("NOT_FOUND", (string?)next["data"]!["createModelVersion"]!["errors"]?[0]!["code"]);
        foreach (var id in new[] { "events", "all" })
        {
            var ended = await socket.AwaitAsync(m => (string?)m["id"] == id && (string?)m["type"] == "error");
            Assert.Equal("AUTHORIZATION_REVOKED", (string?)ended["payload"]![0]!["extensions"]!["code"]);
        }
        await socket.TryReceiveAsync(_ => false, TimeSpan.FromSeconds(1));
        Assert.All(EventSequences(socket), s => Assert.True(s <= seen.Sequence, $"Event {s} was delivered after the role was revoked."));
        Assert.Equal(seen.Versions + 1, await VersionCountAsync(modelId));
    }

    [Theory]
    [InlineData(RegistrySocket.TransportWs)]
    [InlineData(RegistrySocket.LegacyWs)]
    public async Task A_socket_signed_in_with_a_bearer_token_closes_with_4403_when_the_token_expires(string protocol)
    {
        var token = GovernanceHost.Token(GovernanceArrange.Unique("expiring-user"), [], DateTime.UtcNow.AddSeconds(3));
        await using var socket = await RegistrySocket.ConnectAsync(host, protocol, new JsonObject { ["Authorization"] = $"Bearer {token}" });

        Assert.NotNull((await socket.RunAsync("before", Ops.Me))["data"]!["me"]);
        Assert.Equal(4403, await socket.ClosedAsync());
    }

    // Live subscriptions have no acknowledgement: create versions on the socket until the subscription delivers one.
    private static async Task<Seen> LiveSubscriptionAsync(RegistrySocket socket, string modelId)
    {
        await socket.StartAsync("events", Events, new { m = modelId });
        for (var attempt = 1; attempt <= 20; attempt++)
        {
            var created = await socket.RunAsync($"warm-up-{attempt}", Ops.CreateModelVersion, new { input = new { modelId } });
            Assert.Null(created["data"]!["createModelVersion"]!["errors"]);
            if (await socket.TryReceiveAsync(m => (string?)m["id"] == "events" && (string?)m["type"] == socket.ResultType, TimeSpan.FromSeconds(1)) is not null)
                return new Seen(EventSequences(socket).Max(), attempt);
        }
        throw new InvalidOperationException("The subscription never went live.");
    }

    private static IEnumerable<long> EventSequences(RegistrySocket socket)
        => socket.Received
            .Where(m => (string?)m["id"] is "events" or "all" && (string?)m["type"] == socket.ResultType)
            .Select(m => (long)m["payload"]!["data"]!["registryEvents"]!["sequence"]!);

    private async Task<(string Id, string Name)> ModelAsync()
    {
        var name = GovernanceArrange.Unique("revocation-model");
        return (await host.Admin.ModelAsync(name, GovernanceArrange.Unique("revocation-team")), name);
    }

    private async Task<int> VersionCountAsync(string modelId)
    {
        var data = await host.Admin.QueryAsync("query($id: ID!) { node(id: $id) { ... on Model { versions(first: 100) { totalCount } } } }", new { id = modelId });
        return data.GetProperty("node").GetProperty("versions").GetProperty("totalCount").GetInt32();
    }

    /// <summary>The last event sequence delivered before the revocation, and how many versions the socket created.</summary>
    private readonly record struct Seen(long Sequence, int Versions);
}
