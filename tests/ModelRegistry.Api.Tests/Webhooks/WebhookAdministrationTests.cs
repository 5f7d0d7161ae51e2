using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Governance;
using Microsoft.EntityFrameworkCore;

namespace ModelRegistry.Api.Tests.Webhooks;

/// <summary>Creating, listing and deleting webhooks: global ADMIN only, validated with error codes, the secret never shown.</summary>
public sealed class WebhookAdministrationTests(WebhookRegistryFactory factory) : IClassFixture<WebhookRegistryFactory>
{
    private const string Listing = $$"""
        query { webhooks(first: 50) { totalCount nodes { {{WebhookRegistryFactory.WebhookFields}} } }
                webhookDeliveries(first: 50) { totalCount nodes { id } } }
        """;

    private const string NodeQuery = $$"""
        query($id: ID!) { node(id: $id) { __typename ... on Webhook { {{WebhookRegistryFactory.WebhookFields}} deliveries(first: 5) { totalCount } } } }
        """;

    private static string Url(string path = "hook") => $"https://hooks.example.com/{path}/{Guid.NewGuid():N}";

    private async Task<GraphQLClient> ClientWithRoleAsync(string role, string scope)
    {
        var admin = factory.GraphQL();
        var principal = RegistryArrange.UniqueName(role.ToLowerInvariant());
        await admin.GrantRoleAsync(principal, role, scope);
        var (_, secret) = await admin.CreateApiKeyAsync(principal);
        return factory.GraphQL(secret);
    }

    [Fact]
    public async Task A_global_admin_creates_a_webhook_that_is_listed_active_with_normalised_event_types()
    {
        var url = Url();
        var payload = await factory.GraphQL().MutateAsync(WebhookRegistryFactory.CreateWebhook,
            new { url, eventTypes = new[] { "stage_changed", "MODEL_REGISTERED", "STAGE_CHANGED" }, secret = "0123456789abcdef" });

        var webhook = payload.GetProperty("webhook");
        Assert.Equal(url, webhook.GetProperty("url").GetString());
        Assert.Equal(["MODEL_REGISTERED", "STAGE_CHANGED"], webhook.GetProperty("eventTypes").EnumerateArray().Select(t => t.GetString()));
        Assert.True(webhook.GetProperty("active").GetBoolean());
        Assert.Equal(AccessOptions.BootstrapAdmin, webhook.GetProperty("createdBy").GetString());
        var listed = await factory.GraphQL().QueryAsync(Listing);
        Assert.Contains(listed.GetProperty("webhooks").GetProperty("nodes").EnumerateArray(), n => n.GetProperty("id").GetString() == webhook.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("CONTRIBUTOR", "global")]
    [InlineData("APPROVER", "global")]
    [InlineData("ADMIN", "team:test-team")]
    public async Task Anyone_but_a_global_admin_is_forbidden_to_create_or_delete_webhooks_and_sees_none(string role, string scope)
    {
        var webhookId = await factory.CreateWebhookAsync(Url(), "0123456789abcdef", "*");
        var caller = await ClientWithRoleAsync(role, scope);

        var create = await caller.MutateExpectingErrorAsync(WebhookRegistryFactory.CreateWebhook, new { url = Url(), eventTypes = new[] { "*" }, secret = "0123456789abcdef" });
        var delete = await caller.MutateExpectingErrorAsync(WebhookRegistryFactory.DeleteWebhook, new { id = webhookId });
        var listed = await caller.QueryAsync(Listing);
        var node = await caller.QueryAsync(NodeQuery, new { id = webhookId });

        Assert.Equal("FORBIDDEN", create.Code);
        Assert.Equal("FORBIDDEN", delete.Code);
        Assert.Equal(0, listed.GetProperty("webhooks").GetProperty("totalCount").GetInt32());
        Assert.Equal(0, listed.GetProperty("webhookDeliveries").GetProperty("totalCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, node.GetProperty("node").ValueKind);
        var stillThere = await factory.GraphQL().QueryAsync(NodeQuery, new { id = webhookId });
        Assert.True(stillThere.GetProperty("node").GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task A_caller_without_credentials_is_told_to_sign_in_and_sees_no_webhooks()
    {
        await factory.CreateWebhookAsync(Url(), "0123456789abcdef", "*");
        var anonymous = factory.AnonymousGraphQL();

        var create = await anonymous.MutateExpectingErrorAsync(WebhookRegistryFactory.CreateWebhook, new { url = Url(), eventTypes = new[] { "*" }, secret = "0123456789abcdef" });
        var listed = await anonymous.QueryAsync(Listing);

        Assert.Equal("UNAUTHENTICATED", create.Code);
        Assert.Equal(0, listed.GetProperty("webhooks").GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Webhook_events_are_hidden_from_principals_who_read_only_some_models()
    {
        await factory.CreateWebhookAsync(Url(), "0123456789abcdef", "*");
        var teamReader = await ClientWithRoleAsync("VIEWER", "team:test-team");

        var events = await teamReader.QueryAsync("""{ registryEvents(first: 100, where: { subjectType: { eq: "Webhook" } }) { totalCount } }""");

        Assert.Equal(0, events.GetProperty("registryEvents").GetProperty("totalCount").GetInt32());
    }

    [Theory]
    [InlineData("ftp://hooks.example.com/in", new[] { "*" }, "0123456789abcdef", "url")]
    [InlineData("/relative/hook", new[] { "*" }, "0123456789abcdef", "url")]
    [InlineData("not a url", new[] { "*" }, "0123456789abcdef", "url")]
    [InlineData("http://hooks.example.com/plain", new[] { "*" }, "0123456789abcdef", "url")]
    [InlineData("https://user:pass@hooks.example.com/in", new[] { "*" }, "0123456789abcdef", "url")]
    [InlineData("https://hooks.example.com/in", new[] { "MODEL_REGISTERED", "MODEL_EXPLODED" }, "0123456789abcdef", "eventTypes")]
    [InlineData("https://hooks.example.com/in", new string[0], "0123456789abcdef", "eventTypes")]
    [InlineData("https://hooks.example.com/in", new[] { "*" }, "too-short", "secret")]
    public async Task An_invalid_webhook_is_refused_with_VALIDATION_FAILED_on_the_offending_field(string url, string[] eventTypes, string secret, string field)
    {
        var error = await factory.GraphQL().MutateExpectingErrorAsync(WebhookRegistryFactory.CreateWebhook, new { url, eventTypes, secret });

        Assert.Equal(("VALIDATION_FAILED", field), (error.Code, error.Field));
    }

    [Fact]
    public async Task Plain_http_to_the_loopback_interface_is_accepted()
    {
        var payload = await factory.GraphQL().MutateAsync(WebhookRegistryFactory.CreateWebhook,
            new { url = "http://127.0.0.1:9/local-receiver", eventTypes = new[] { "*" }, secret = "0123456789abcdef" });

        await factory.DeleteWebhookAsync(payload.GetProperty("webhook").GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task The_same_url_with_the_same_event_types_is_refused_as_DUPLICATE_WEBHOOK_until_the_first_is_deleted()
    {
        var url = Url("dup");
        var firstId = await factory.CreateWebhookAsync(url, "0123456789abcdef", "STAGE_CHANGED", "MODEL_REGISTERED");

        var duplicate = await factory.GraphQL().MutateExpectingErrorAsync(WebhookRegistryFactory.CreateWebhook,
            new { url, eventTypes = new[] { "model_registered", "STAGE_CHANGED" }, secret = "another-secret-0123" });
        var otherTypes = await factory.CreateWebhookAsync(url, "0123456789abcdef", "MODEL_REGISTERED");
        await factory.DeleteWebhookAsync(firstId);
        var again = await factory.CreateWebhookAsync(url, "0123456789abcdef", "STAGE_CHANGED", "MODEL_REGISTERED");

        Assert.Equal(("DUPLICATE_WEBHOOK", "url"), (duplicate.Code, duplicate.Field));
        Assert.NotEqual(otherTypes, again);
    }

    [Fact]
    public async Task Deleting_deactivates_the_webhook_and_deleting_again_or_an_unknown_id_is_refused()
    {
        var id = await factory.CreateWebhookAsync(Url(), "0123456789abcdef", "*");

        var deleted = await factory.GraphQL().MutateAsync(WebhookRegistryFactory.DeleteWebhook, new { id });
        var twice = await factory.GraphQL().MutateExpectingErrorAsync(WebhookRegistryFactory.DeleteWebhook, new { id });
        var unknown = await factory.GraphQL().MutateExpectingErrorAsync(WebhookRegistryFactory.DeleteWebhook, new { id = Ids.Unknown("Webhook") });
        var wrongType = await factory.GraphQL().MutateExpectingErrorAsync(WebhookRegistryFactory.DeleteWebhook, new { id = Ids.Unknown("Model") });

        Assert.False(deleted.GetProperty("webhook").GetProperty("active").GetBoolean());
        Assert.Equal(AccessOptions.BootstrapAdmin, deleted.GetProperty("webhook").GetProperty("deletedBy").GetString());
        Assert.Equal(("VALIDATION_FAILED", "id"), (twice.Code, twice.Field));
        Assert.Equal(("NOT_FOUND", "id"), (unknown.Code, unknown.Field));
        Assert.Equal(("VALIDATION_FAILED", "id"), (wrongType.Code, wrongType.Field));
    }

    [Fact]
    public async Task The_secret_never_appears_in_any_response_and_is_stored_encrypted()
    {
        var secret = "never-shown-" + Guid.NewGuid().ToString("N");
        var admin = factory.GraphQL();

        var created = await admin.SendAsync(WebhookRegistryFactory.CreateWebhook, new { input = new { url = Url("secret") + "?token=abc", eventTypes = new[] { "*" }, secret } });
        var id = created.Data.GetProperty("createWebhook").GetProperty("webhook").GetProperty("id").GetString()!;
        var listed = await admin.SendAsync(Listing);
        var node = await admin.SendAsync(NodeQuery, new { id });
        var events = await admin.SendAsync("""{ registryEvents(first: 100, where: { subjectType: { eq: "Webhook" } }) { nodes { type payload } } }""");
        var deleted = await admin.SendAsync(WebhookRegistryFactory.DeleteWebhook, new { input = new { id } });
        string? stored = null;
        await factory.ChangeDatabaseAsync(async db => stored = (await db.Webhooks.SingleAsync(h => h.Id == Ids.KeyOf(id))).ProtectedSecret);

        foreach (var response in new[] { created, listed, node, events, deleted })
        {
            response.AssertNoErrors();
            Assert.DoesNotContain(secret, response.Body);
        }
        Assert.Contains("WEBHOOK_CREATED", events.Body);
        // The audit payload names the target without its query string, which often carries a receiver's token.
        Assert.DoesNotContain("token=abc", events.Body);
        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, stored);
    }
}
