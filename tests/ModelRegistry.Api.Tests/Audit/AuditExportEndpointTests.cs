using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelRegistry.Api.Tests.Governance;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Tests.Audit;

/// <summary>
/// <c>GET /audit/export</c>: global ADMINs and AUDITORs get the whole trail as signed JSON Lines; anyone else is refused
/// with a JSON error code; bad bounds answer 400 VALIDATION_FAILED. AUDITOR reads everything and writes nothing.
/// </summary>
public sealed class AuditExportEndpointTests(GovernanceHost host) : IClassFixture<GovernanceHost>
{
    [Fact]
    public async Task A_CONTRIBUTOR_is_refused_with_403_FORBIDDEN()
    {
        var contributor = await host.ClientAsAsync("export-contributor", (Role.Contributor, AccessScope.Global));

        var (status, body) = await GetAsync("/audit/export", contributor.ApiKey);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("FORBIDDEN", JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused_with_401_UNAUTHENTICATED()
    {
        var (status, body) = await GetAsync("/audit/export", null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("UNAUTHENTICATED", JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("from=abc", "from")]
    [InlineData("from=0", "from")]
    [InlineData("to=-3", "to")]
    [InlineData("from=5&to=2", "from")]
    [InlineData("from=999999999", "from")]
    public async Task Bad_bounds_answer_400_VALIDATION_FAILED_naming_the_bound(string query, string field)
    {
        var auditor = await host.ClientAsAsync("export-auditor", (Role.Auditor, AccessScope.Global));

        var (status, body) = await GetAsync("/audit/export?" + query, auditor.ApiKey);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("VALIDATION_FAILED", error.GetProperty("code").GetString());
        Assert.Contains($"'{field}'", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task An_AUDITOR_gets_every_event_of_the_range_with_a_manifest_and_a_signature_the_public_key_checks()
    {
        await host.ClientAsAsync("export-team-viewer", (Role.Viewer, "team:hidden-team"));
        var auditor = await host.ClientAsAsync("export-auditor", (Role.Auditor, AccessScope.Global));

        var (status, body) = await GetAsync("/audit/export", auditor.ApiKey);

        Assert.Equal(HttpStatusCode.OK, status);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines[..^2].Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var manifest = JsonDocument.Parse(lines[^2]).RootElement.GetProperty("manifest");
        Assert.Equal(1, events[0].GetProperty("sequence").GetInt64());
        Assert.Equal(events.Count, manifest.GetProperty("count").GetInt64());
        Assert.Equal(events[^1].GetProperty("hash").GetString(), manifest.GetProperty("headHash").GetString());
        // Grants are administration rows, hidden from ordinary readers; the trail still holds their events, unthinned.
        Assert.Contains(events, e => e.GetProperty("type").GetString() == "ROLE_GRANTED");
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.GetProperty("sequence").GetInt64()));
        var signature = JsonDocument.Parse(lines[^1]).RootElement.GetProperty("signature");
        var signed = Encoding.UTF8.GetBytes(string.Concat(lines[..^1].Select(l => l + "\n")));
        using var key = ECDsa.Create();
        key.ImportFromPem((await GetAsync("/.well-known/model-registry/report-signing-key.pem", null)).Body);
        Assert.True(key.VerifyData(signed, Convert.FromBase64String(signature.GetProperty("value").GetString()!), HashAlgorithmName.SHA256,
            DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public async Task AUDITOR_is_granted_at_global_scope_only()
    {
        var (code, message) = await host.Admin.RefusedAsync(GovernanceOperations.GrantRole,
            new { principal = "narrow-auditor", role = "AUDITOR", scope = "team:risk" });

        Assert.Equal("VALIDATION_FAILED", code);
        Assert.Contains("global", message);
    }

    [Fact]
    public async Task An_AUDITOR_reads_every_team_but_writes_nothing()
    {
        await host.Admin.MutateAsync(GovernanceOperations.RegisterModel, new { name = "audited-elsewhere", task = "CLASSIFICATION", owner = "far-team" });
        var auditor = await host.ClientAsAsync("reading-auditor", (Role.Auditor, AccessScope.Global));

        var read = await auditor.QueryAsync("{ model(name: \"audited-elsewhere\") { owner } }");
        var (code, _) = await auditor.RefusedAsync(GovernanceOperations.RegisterModel, new { name = "auditor-made", task = "CLASSIFICATION", owner = "far-team" });

        Assert.Equal("far-team", read.GetProperty("model").GetProperty("owner").GetString());
        Assert.Equal("FORBIDDEN", code);
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string path, string? apiKey)
    {
        using var http = host.CreateClient();
        if (apiKey is not null)
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        using var response = await http.GetAsync(path);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
