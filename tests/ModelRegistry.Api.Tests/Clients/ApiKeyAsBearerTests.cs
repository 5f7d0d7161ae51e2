using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Governance;
using static ModelRegistry.Api.Tests.Governance.GovernanceArrange;
using Ops = ModelRegistry.Api.Tests.Governance.GovernanceOperations;

namespace ModelRegistry.Api.Tests.Clients;

/// <summary>
/// Apollo and urql users put every credential in <c>Authorization: Bearer</c>: with JWT validation on (a Production host),
/// an API key sent there is told from a JWT by its shape and works on every route and transport.
/// </summary>
public sealed class ApiKeyAsBearerTests(ProductionGovernanceHost host) : IClassFixture<ProductionGovernanceHost>
{
    [Fact]
    public async Task An_API_key_sent_as_a_bearer_token_acts_as_its_principal()
    {
        var (principal, key) = await KeyAsync();

        var me = (await Bearer(key).QueryAsync(Ops.Me)).GetProperty("me");

        Assert.Equal(principal, me.GetProperty("name").GetString());
    }

    [Fact]
    public async Task The_bootstrap_key_sent_as_a_bearer_token_acts_as_the_bootstrap_admin()
    {
        var me = (await Bearer(GovernanceHost.BootstrapKey).QueryAsync(Ops.Me)).GetProperty("me");

        Assert.Equal("bootstrap-admin", me.GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_JWT_sent_as_a_bearer_token_is_still_validated_as_a_token()
    {
        var me = (await Bearer(GovernanceHost.Token("alice", ["ml-team"])).QueryAsync(Ops.Me)).GetProperty("me");

        Assert.Equal("alice", me.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("mr_00000000_unknownsecretunknownsecretunknownsecret")]
    [InlineData("not-a-token")]
    public async Task An_unknown_key_sent_as_a_bearer_token_gets_a_generic_401(string key)
    {
        var response = await Bearer(key).SendAsync(Ops.Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
        Assert.Equal("INVALID_API_KEY", response.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("reason").GetString());
        Assert.DoesNotContain("IDX", response.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_JWT_gets_a_generic_401_without_the_validator_text()
    {
        var response = await Bearer("eyJhbGciOiJIUzI1NiJ9.not-json.sig").SendAsync(Ops.Me);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("INVALID_TOKEN", response.Body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("reason").GetString());
        Assert.DoesNotContain("IDX", response.Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_API_key_sent_as_a_bearer_token_opens_an_event_stream()
    {
        var (principal, key) = await KeyAsync();
        using var http = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(new { query = Ops.Me }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Headers.Accept.ParseAdd("text/event-stream");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"\"name\":\"{principal}\"", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_API_key_sent_as_a_bearer_token_uploads_an_artifact()
    {
        var versionId = await host.Admin.VersionAsync(await host.Admin.ModelAsync(Unique("model"), Unique("team")));
        using var http = host.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GovernanceHost.BootstrapKey);

        using var upload = await http.PutAsync($"/artifacts/{versionId}/probe.bin", new ByteArrayContent([1, 2, 3]));
        var body = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()).RootElement;
        using var download = await http.GetAsync(body.GetProperty("downloadUrl").GetString());

        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal([1, 2, 3], await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_API_key_sent_as_a_bearer_token_in_connection_init_signs_a_socket_in()
    {
        var (principal, key) = await KeyAsync();

        await using var socket = await RegistrySocket.ConnectAsync(host, RegistrySocket.TransportWs,
            new JsonObject { ["Authorization"] = "Bearer " + key });
        var result = await socket.RunAsync("1", Ops.Me);

        Assert.Equal(principal, result["data"]?["me"]?["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task An_API_key_sent_as_a_bearer_token_on_the_upgrade_request_signs_a_socket_in()
    {
        var (principal, key) = await KeyAsync();

        await using var socket = await RegistrySocket.ConnectAsync(host, RegistrySocket.TransportWs, new JsonObject(),
            request => request.Headers.Authorization = "Bearer " + key);
        var result = await socket.RunAsync("1", Ops.Me);

        Assert.Equal(principal, result["data"]?["me"]?["name"]?.GetValue<string>());
    }

    private GovernanceClient Bearer(string token) => host.WithBearer(token);

    private async Task<(string Principal, string Key)> KeyAsync()
    {
        var principal = Unique("svc");
        var created = await host.Admin.MutateAsync(Ops.CreateApiKey, new { name = "bearer", principal });
        return (principal, created.GetProperty("secret").GetString()!);
    }
}
