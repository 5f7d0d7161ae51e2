using System.Text.Json.Nodes;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Governance;
using ModelRegistry.Core.Governance;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Sockets;

/// <summary>
/// Queries and mutations multiplexed on one socket, as Apollo Client and urql do by default: each runs in a service scope
/// of its own, so they neither share a DbContext with each other nor see the state the socket saw when it opened.
/// </summary>
public sealed class SocketOperationTests(GovernanceHost host) : IClassFixture<GovernanceHost>
{
    private const string ModelById = "query($id: ID!) { node(id: $id) { ... on Model { name } } }";

    [Theory]
    [InlineData(RegistrySocket.TransportWs)]
    [InlineData(RegistrySocket.LegacyWs)]
    public async Task A_hundred_queries_and_mutations_sent_at_once_on_one_socket_all_answer_correctly(string protocol)
    {
        var (modelId, modelName, contributor) = await ContributorOnNewModelAsync();
        await using var socket = await RegistrySocket.ConnectAsync(host, protocol, contributor.ApiKey!);

        for (var i = 0; i < 100; i++)
        {
            if (i % 2 == 0)
                await socket.StartAsync($"m{i}", Ops.CreateModelVersion, new { input = new { modelId } });
            else
                await socket.StartAsync($"q{i}", ModelById, new { id = modelId });
        }
        var answers = new Dictionary<string, JsonObject>();
        while (answers.Count < 100)
        {
            var message = await socket.ReceiveAsync(m => (string?)m["type"] is "next" or "data" or "error");
            Assert.True((string?)message["type"] == socket.ResultType, $"An operation failed: {message.ToJsonString()}");
            answers[(string)message["id"]!] = message["payload"]!.AsObject();
        }

        Assert.All(answers.Values, a => Assert.Null(a["errors"]));
        var numbers = answers.Where(a => a.Key.StartsWith('m')).Select(a => a.Value["data"]!["createModelVersion"]!).ToList();
        Assert.All(numbers, payload => Assert.Null(payload["errors"]));
        Assert.Equal(Enumerable.Range(1, 50), numbers.Select(p => (int)p["modelVersion"]!["number"]!).Order());
        Assert.All(answers.Where(a => a.Key.StartsWith('q')), a => Assert.Equal(modelName, (string?)a.Value["data"]!["node"]!["name"]));
    }

    [Theory]
    [InlineData(RegistrySocket.TransportWs)]
    [InlineData(RegistrySocket.LegacyWs)]
    public async Task A_version_created_over_http_meanwhile_does_not_break_the_next_version_created_on_a_socket(string protocol)
    {
        var (modelId, _, contributor) = await ContributorOnNewModelAsync();
        await using var socket = await RegistrySocket.ConnectAsync(host, protocol, contributor.ApiKey!);

        Assert.Equal(1, NumberOf(await socket.RunAsync("first", Ops.CreateModelVersion, new { input = new { modelId } })));
        await host.Admin.VersionAsync(modelId);
        var third = await socket.RunAsync("third", Ops.CreateModelVersion, new { input = new { modelId } });

        Assert.Null(third["errors"]);
        Assert.Equal(3, NumberOf(third));
    }

    private static int NumberOf(JsonObject payload)
    {
        var created = payload["data"]!["createModelVersion"]!;
        Assert.True(created["errors"] is null, $"The mutation was refused: {created.ToJsonString()}");
        return (int)created["modelVersion"]!["number"]!;
    }

    private async Task<(string Id, string Name, GovernanceClient Contributor)> ContributorOnNewModelAsync()
    {
        var team = GovernanceArrange.Unique("sockets");
        var name = GovernanceArrange.Unique("sockets-model");
        var modelId = await host.Admin.ModelAsync(name, team);
        var contributor = await host.ClientAsAsync(GovernanceArrange.Unique("sockets-contributor"), (Role.Contributor, $"team:{team}"));
        return (modelId, name, contributor);
    }
}
