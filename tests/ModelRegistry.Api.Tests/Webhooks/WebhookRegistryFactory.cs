using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Webhooks;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Tests.Webhooks;

/// <summary>
/// The Api host with webhook retries shortened to a second, three attempts, and the catch-up job left for tests to run
/// directly (its schedule never fires), so each test decides when missed events are looked for.
/// </summary>
public sealed class WebhookRegistryFactory : RegistryApiFactory
{
    /// <summary>Selects the fields of a webhook a client reads.</summary>
    public const string WebhookFields = "id url eventTypes createdAt createdBy active deletedAt deletedBy deliveredThroughSequence";

    /// <summary>The createWebhook mutation.</summary>
    public const string CreateWebhook =
        $"mutation($input: CreateWebhookInput!) {{ createWebhook(input: $input) {{ webhook {{ {WebhookFields} }} errors {{ __typename code message field }} }} }}";

    /// <summary>The deleteWebhook mutation.</summary>
    public const string DeleteWebhook =
        $"mutation($input: DeleteWebhookInput!) {{ deleteWebhook(input: $input) {{ webhook {{ {WebhookFields} }} errors {{ __typename code message field }} }} }}";

    /// <summary>The delivery log of one webhook, newest first.</summary>
    public const string DeliveriesOf = """
        query($id: ID!) { webhookDeliveries(first: 50, where: { webhookId: { eq: $id } }) {
          totalCount nodes { id eventSequence eventType attempt statusCode succeeded at error durationMs webhook { id } } } }
        """;

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Registry:Webhooks:MaxAttempts", "3");
        builder.UseSetting("Registry:Webhooks:RetryDelaysSeconds:0", "1");
        builder.UseSetting("Registry:Webhooks:SchedulePollingSeconds", "1");
        builder.UseSetting("Registry:Webhooks:TimeoutSeconds", "5");
        builder.UseSetting("Registry:Webhooks:CatchUpGraceSeconds", "0");
        // 31 February: the recurring catch-up never fires by itself.
        builder.UseSetting("Registry:Webhooks:CatchUpCron", "0 0 31 2 *");
    }

    /// <summary>Creates a webhook as the admin and returns its ID.</summary>
    public async Task<string> CreateWebhookAsync(string url, string secret, params string[] eventTypes)
    {
        var payload = await GraphQL().MutateAsync(CreateWebhook, new { url, eventTypes, secret });
        return payload.GetProperty("webhook").GetProperty("id").GetString()!;
    }

    /// <summary>Deletes a webhook as the admin, so later tests' events do not reach a receiver that is gone.</summary>
    public Task DeleteWebhookAsync(string id) => GraphQL().MutateAsync(DeleteWebhook, new { id });

    /// <summary>The delivery log of a webhook, oldest attempt first.</summary>
    public async Task<List<JsonElement>> DeliveriesAsync(string webhookId)
    {
        var data = await GraphQL().QueryAsync(DeliveriesOf, new { id = webhookId });
        return [.. data.GetProperty("webhookDeliveries").GetProperty("nodes").EnumerateArray().Reverse()];
    }

    /// <summary>Waits until the delivery log of a webhook satisfies <paramref name="done"/>; fails after a minute.</summary>
    public async Task<List<JsonElement>> DeliveriesWhenAsync(string webhookId, Func<List<JsonElement>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            var deliveries = await DeliveriesAsync(webhookId);
            if (done(deliveries))
                return deliveries;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"The delivery log of {webhookId} never reached the expected state: {JsonSerializer.Serialize(deliveries)}");
            await Task.Delay(100);
        }
    }

    /// <summary>Runs the catch-up job once, in a scope of the host, as Hangfire would.</summary>
    public async Task<WebhookCatchUpRun> RunCatchUpAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookCatchUpJob>().RunAsync(CancellationToken.None);
    }

    /// <summary>Runs one delivery job directly, in a scope of the host.</summary>
    public async Task<WebhookDeliveryOutcome> RunDeliveryAsync(string webhookId, long sequence)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebhookDeliveryJob>()
            .RunAsync(GlobalId.DecodeLong(webhookId, "Webhook"), sequence, CancellationToken.None);
    }
}
