using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Api.Tests.Webhooks;
using static ModelRegistry.Api.Tests.Mlflow.MlflowAssert;

namespace ModelRegistry.Api.Tests.Mlflow;

/// <summary>Writes through the MLflow facade reach webhooks exactly like GraphQL mutations: one signed delivery per committed event.</summary>
public sealed class MlflowWebhookTests(WebhookRegistryFactory factory) : IClassFixture<WebhookRegistryFactory>
{
    [Fact]
    public async Task Registering_tagging_transitioning_aliasing_and_deleting_through_MLflow_each_fire_the_subscribed_webhook_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = "mlflow-hook-secret-" + Guid.NewGuid().ToString("N");
        string[] types = ["MODEL_REGISTERED", "VERSION_CREATED", "TAG_SET", "STAGE_CHANGED", "ALIAS_SET", "ALIAS_REMOVED", "VERSION_DELETED", "MODEL_RENAMED"];
        var webhookId = await factory.CreateWebhookAsync(receiver.Url, secret, types);
        try
        {
            var http = factory.CreateClient();
            http.DefaultRequestHeaders.Add("X-Api-Key", TestCredentials.AdminKey);
            var api = new MlflowApi(http);
            var name = Unique("hooked");

            await api.CreateModelAsync(name);
            await api.CreateVersionAsync(name, "s3://bucket/a");
            await api.CreateVersionAsync(name, "s3://bucket/b");
            (await api.PostAsync("model-versions/set-tag", new { name, version = "1", key = "reviewed", value = "yes" })).Empty();
            await api.TransitionOkAsync(name, "1", "Staging");
            (await api.PostAsync("registered-models/alias", new { name, alias = "champion", version = "2" })).Empty();
            (await api.DeleteAsync("model-versions/delete", new { name, version = "2" })).Empty();
            (await api.PostAsync("registered-models/rename", new { name, new_name = name + "-b" })).Ok();

            // PROMOTION_REQUESTED is chained too, but this webhook does not subscribe to it.
            string[] expected = ["MODEL_REGISTERED", "VERSION_CREATED", "VERSION_CREATED", "TAG_SET", "STAGE_CHANGED", "ALIAS_SET",
                "ALIAS_REMOVED", "VERSION_DELETED", "MODEL_RENAMED"];
            var received = new List<ReceivedDelivery>();
            while (received.Count < expected.Length)
                received.Add(await receiver.NextAsync());

            // Deliveries may arrive in any order; in sequence order they are the writes, once each.
            received = [.. received.OrderBy(d => long.Parse(d.Header("X-Registry-Sequence")!))];
            Assert.Equal(expected, received.Select(d => d.Header("X-Registry-Event")).ToList());
            Assert.All(received, d => Assert.True(WebhookSignature.IsValid(d, secret), "A delivery's signature does not verify."));
            Assert.Equal(received.Count, received.Select(d => d.Header("X-Registry-Sequence")).Distinct().Count());
            using var renamed = JsonDocument.Parse(received[^1].Body);
            Assert.Equal((name, name + "-b"),
                (renamed.RootElement.GetProperty("payload").GetProperty("from").GetString(), renamed.RootElement.GetProperty("payload").GetProperty("to").GetString()));
        }
        finally
        {
            await factory.DeleteWebhookAsync(webhookId);
        }
    }
}
