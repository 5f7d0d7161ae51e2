using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Audit;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Tests.Webhooks;

/// <summary>Deliveries as a receiver sees them: signed, filtered by event type, retried, never for refused writes, recovered after a lost enqueue.</summary>
public sealed class WebhookDeliveryTests(WebhookRegistryFactory factory) : IClassFixture<WebhookRegistryFactory>
{
    private static string NewSecret() => "whsec-" + Guid.NewGuid().ToString("N");

    private static JsonElement Json(ReceivedDelivery delivery) => JsonDocument.Parse(delivery.Body).RootElement;

    private static long Sequence(ReceivedDelivery delivery) => long.Parse(delivery.Header("X-Registry-Sequence")!);

    [Fact]
    public async Task A_delivery_carries_the_committed_event_and_a_signature_the_receiver_can_verify()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = NewSecret();
        var webhookId = await factory.CreateWebhookAsync(receiver.Url, secret, "MODEL_REGISTERED");
        try
        {
            var name = RegistryArrange.UniqueName("signed");
            var modelId = await factory.GraphQL().RegisterModelAsync(name);

            var delivery = await receiver.NextAsync();

            var committed = (await factory.AuditEventsAsync()).Single(e => e.Type == EventTypes.ModelRegistered && e.SubjectId == Ids.KeyOf(modelId));
            Assert.True(WebhookSignature.IsValid(delivery, secret), "The signature does not verify with the webhook's secret.");
            Assert.False(WebhookSignature.IsValid(delivery, secret + "x"), "The signature verifies with another secret.");
            Assert.False(WebhookSignature.IsValid(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(delivery.Body).Replace(name, "forged")), delivery, secret),
                "The signature verifies over a tampered body.");
            Assert.StartsWith("application/json", delivery.Header("Content-Type"));
            Assert.Equal("MODEL_REGISTERED", delivery.Header("X-Registry-Event"));
            Assert.Equal(committed.Sequence.ToString(), delivery.Header("X-Registry-Sequence"));

            var body = Json(delivery);
            Assert.Equal(committed.Sequence, body.GetProperty("sequence").GetInt64());
            Assert.Equal("MODEL_REGISTERED", body.GetProperty("type").GetString());
            Assert.Equal(committed.OccurredAt, body.GetProperty("occurredAt").GetDateTime().ToUniversalTime());
            Assert.Equal(committed.Actor, body.GetProperty("actor").GetString());
            Assert.Equal("Model", body.GetProperty("entityType").GetString());
            Assert.Equal(modelId, body.GetProperty("entityId").GetString());
            Assert.Equal(modelId, body.GetProperty("modelId").GetString());
            Assert.Equal(name, body.GetProperty("payload").GetProperty("name").GetString());

            var log = await factory.DeliveriesWhenAsync(webhookId, l => l.Count > 0);
            var attempt = Assert.Single(log);
            Assert.Equal((committed.Sequence, "MODEL_REGISTERED", 1, 200, true, JsonValueKind.Null, webhookId),
                (attempt.GetProperty("eventSequence").GetInt64(), attempt.GetProperty("eventType").GetString(), attempt.GetProperty("attempt").GetInt32(),
                 attempt.GetProperty("statusCode").GetInt32(), attempt.GetProperty("succeeded").GetBoolean(), attempt.GetProperty("error").ValueKind,
                 attempt.GetProperty("webhook").GetProperty("id").GetString()));
        }
        finally
        {
            await factory.DeleteWebhookAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_delivered_payload_names_versions_by_the_global_IDs_the_API_takes_not_by_database_keys()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhookId = await factory.CreateWebhookAsync(receiver.Url, NewSecret(), "ALIAS_SET");
        try
        {
            var admin = factory.GraphQL();
            var modelId = await admin.RegisterModelAsync();
            var first = await admin.CreateVersionAsync(modelId);
            var second = await admin.CreateVersionAsync(modelId);
            await admin.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "prod", modelVersionId = first, reason = "First" });
            await admin.MutateAsync(Operations.SetModelAlias, new { modelId, alias = "prod", modelVersionId = second, reason = "Second" });

            var arrivals = new[] { await receiver.NextAsync(), await receiver.NextAsync() }.OrderBy(Sequence).ToArray();
            var (initial, moved) = (Json(arrivals[0]).GetProperty("payload"), Json(arrivals[1]).GetProperty("payload"));

            Assert.Equal((first, JsonValueKind.Null), (initial.GetProperty("modelVersionId").GetString(), initial.GetProperty("previousModelVersionId").ValueKind));
            Assert.Equal((second, first), (moved.GetProperty("modelVersionId").GetString(), moved.GetProperty("previousModelVersionId").GetString()));
        }
        finally
        {
            await factory.DeleteWebhookAsync(webhookId);
        }
    }

    [Fact]
    public async Task An_event_of_a_type_the_webhook_did_not_subscribe_to_is_not_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhookId = await factory.CreateWebhookAsync(receiver.Url, NewSecret(), "DATASET_REGISTERED");
        try
        {
            var admin = factory.GraphQL();
            await admin.RegisterModelAsync();
            var datasetId = await admin.RegisterDatasetAsync();

            var delivery = await receiver.NextAsync();
            await factory.DeliveriesWhenAsync(webhookId, l => l.Count > 0);
            var catchUp = await factory.RunCatchUpAsync();

            Assert.Equal("DATASET_REGISTERED", delivery.Header("X-Registry-Event"));
            Assert.Equal(datasetId, Json(delivery).GetProperty("entityId").GetString());
            Assert.Empty(catchUp.Enqueued);
            Assert.All(receiver.Received, d => Assert.Equal("DATASET_REGISTERED", d.Header("X-Registry-Event")));
            Assert.All(await factory.DeliveriesAsync(webhookId), d => Assert.Equal("DATASET_REGISTERED", d.GetProperty("eventType").GetString()));
        }
        finally
        {
            await factory.DeleteWebhookAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_retries_and_the_log_shows_both_failures_and_the_success()
    {
        await using var receiver = await WebhookReceiver.StartAsync(500, 500);
        var secret = NewSecret();
        var webhookId = await factory.CreateWebhookAsync(receiver.Url, secret, "DATASET_REGISTERED");
        try
        {
            await factory.GraphQL().RegisterDatasetAsync();

            var arrivals = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() };
            var log = await factory.DeliveriesWhenAsync(webhookId, l => l.Any(d => d.GetProperty("succeeded").GetBoolean()));

            Assert.Equal([500, 500, 200], arrivals.Select(a => a.AnsweredStatus));
            Assert.Single(arrivals.Select(Sequence).Distinct());
            Assert.All(arrivals, a => Assert.True(WebhookSignature.IsValid(a, secret)));
            Assert.Equal([1, 2, 3], log.Select(d => d.GetProperty("attempt").GetInt32()));
            Assert.Equal([500, 500, 200], log.Select(d => d.GetProperty("statusCode").GetInt32()));
            Assert.Equal([false, false, true], log.Select(d => d.GetProperty("succeeded").GetBoolean()));
            Assert.All(log.Take(2), d => Assert.Contains("500", d.GetProperty("error").GetString()));
            Assert.All(log, d => Assert.Equal(Sequence(arrivals[0]), d.GetProperty("eventSequence").GetInt64()));

            var catchUp = await factory.RunCatchUpAsync();
            Assert.Empty(catchUp.Enqueued);
            var node = await factory.GraphQL().QueryAsync("query($id: ID!) { node(id: $id) { ... on Webhook { deliveredThroughSequence } } }", new { id = webhookId });
            Assert.True(node.GetProperty("node").GetProperty("deliveredThroughSequence").GetInt64() >= Sequence(arrivals[0]));
        }
        finally
        {
            await factory.DeleteWebhookAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_given_up_after_the_last_attempt_and_the_catch_up_job_leaves_it_settled()
    {
        await using var receiver = await WebhookReceiver.StartAsync(503, 503, 503, 503, 503);
        var webhookId = await factory.CreateWebhookAsync(receiver.Url, NewSecret(), "DATASET_REGISTERED");
        try
        {
            await factory.GraphQL().RegisterDatasetAsync();

            var log = await factory.DeliveriesWhenAsync(webhookId, l => l.Count >= 3);
            var catchUp = await factory.RunCatchUpAsync();

            Assert.Equal([1, 2, 3], log.Select(d => d.GetProperty("attempt").GetInt32()));
            Assert.All(log, d => Assert.False(d.GetProperty("succeeded").GetBoolean()));
            Assert.Empty(catchUp.Enqueued);
            Assert.Equal(3, (await factory.DeliveriesAsync(webhookId)).Count);
        }
        finally
        {
            await factory.DeleteWebhookAsync(webhookId);
        }
    }

    [Fact]
    public async Task An_unreachable_receiver_is_logged_as_failed_attempts_without_a_status_code()
    {
        var gone = await WebhookReceiver.StartAsync();
        var url = gone.Url;
        await gone.DisposeAsync();
        var webhookId = await factory.CreateWebhookAsync(url, NewSecret(), "DATASET_REGISTERED");
        try
        {
            await factory.GraphQL().RegisterDatasetAsync();

            var log = await factory.DeliveriesWhenAsync(webhookId, l => l.Count >= 3);

            Assert.Equal([1, 2, 3], log.Select(d => d.GetProperty("attempt").GetInt32()));
            Assert.All(log, d =>
            {
                Assert.False(d.GetProperty("succeeded").GetBoolean());
                Assert.Equal(JsonValueKind.Null, d.GetProperty("statusCode").ValueKind);
                Assert.StartsWith("The request failed", d.GetProperty("error").GetString());
            });
        }
        finally
        {
            await factory.DeleteWebhookAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_write_that_was_refused_and_rolled_back_is_never_delivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhookId = await factory.CreateWebhookAsync(receiver.Url, NewSecret(), "*");
        try
        {
            var admin = factory.GraphQL();
            var first = RegistryArrange.UniqueName("kept");
            var second = RegistryArrange.UniqueName("later");
            await admin.RegisterModelAsync(first);
            var refused = await admin.MutateExpectingErrorAsync(Operations.RegisterModel, new { name = first, task = "CLASSIFICATION", owner = "test-team" });
            await admin.RegisterModelAsync(second);

            var arrivals = new[] { await receiver.NextAsync(), await receiver.NextAsync(), await receiver.NextAsync() }.OrderBy(Sequence).ToList();
            await factory.DeliveriesWhenAsync(webhookId, l => l.Count >= 3);
            var catchUp = await factory.RunCatchUpAsync();

            Assert.Equal("NAME_TAKEN", refused.Code);
            Assert.Equal(["WEBHOOK_CREATED", "MODEL_REGISTERED", "MODEL_REGISTERED"], arrivals.Select(a => a.Header("X-Registry-Event")));
            Assert.Equal([first, second], arrivals.Skip(1).Select(a => Json(a).GetProperty("payload").GetProperty("name").GetString()));
            // The refused write appended nothing: the sequences the receiver saw have no gap for it to fill.
            Assert.Equal(Sequence(arrivals[1]) + 1, Sequence(arrivals[2]));
            Assert.Empty(catchUp.Enqueued);
            Assert.Equal(3, receiver.Received.Count);
        }
        finally
        {
            await factory.DeleteWebhookAsync(webhookId);
        }
    }

    [Fact]
    public async Task An_event_committed_without_reaching_the_dispatcher_is_delivered_by_the_catch_up_job()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var secret = NewSecret();
        var webhookId = await factory.CreateWebhookAsync(receiver.Url, secret, "MODEL_UPDATED");
        try
        {
            var modelId = await factory.GraphQL().RegisterModelAsync();
            // As if the process died right after commit: the event is in the log, but no subscriber ever saw it.
            var lost = await AppendWithoutPublishingAsync(EventTypes.ModelUpdated, "Model", Ids.KeyOf(modelId), Ids.KeyOf(modelId));

            var catchUp = await factory.RunCatchUpAsync();
            var delivery = await receiver.NextAsync();
            await factory.DeliveriesWhenAsync(webhookId, l => l.Any(d => d.GetProperty("succeeded").GetBoolean()));
            var after = await factory.RunCatchUpAsync();

            Assert.Equal([(GlobalId.DecodeLong(webhookId, "Webhook"), lost)], catchUp.Enqueued);
            Assert.Equal(lost, Sequence(delivery));
            Assert.True(WebhookSignature.IsValid(delivery, secret));
            Assert.Equal(modelId, Json(delivery).GetProperty("entityId").GetString());
            Assert.Empty(after.Enqueued);
            var node = await factory.GraphQL().QueryAsync("query($id: ID!) { node(id: $id) { ... on Webhook { deliveredThroughSequence } } }", new { id = webhookId });
            Assert.True(node.GetProperty("node").GetProperty("deliveredThroughSequence").GetInt64() >= lost);
        }
        finally
        {
            await factory.DeleteWebhookAsync(webhookId);
        }
    }

    [Fact]
    public async Task A_deleted_webhook_receives_nothing_more_even_when_its_job_runs()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhookId = await factory.CreateWebhookAsync(receiver.Url, NewSecret(), "MODEL_REGISTERED");
        await factory.DeleteWebhookAsync(webhookId);

        var modelId = await factory.GraphQL().RegisterModelAsync();
        var sequence = (await factory.AuditEventsAsync()).Single(e => e.Type == EventTypes.ModelRegistered && e.SubjectId == Ids.KeyOf(modelId)).Sequence;
        var outcome = await factory.RunDeliveryAsync(webhookId, sequence);
        var catchUp = await factory.RunCatchUpAsync();

        Assert.Equal(Api.Webhooks.WebhookDeliveryOutcome.Skipped, outcome);
        Assert.DoesNotContain(catchUp.Enqueued, e => e.WebhookId == GlobalId.DecodeLong(webhookId, "Webhook"));
        Assert.Empty(receiver.Received);
        Assert.Empty(await factory.DeliveriesAsync(webhookId));
    }

    private async Task<long> AppendWithoutPublishingAsync(string type, string subjectType, long subjectId, long? modelId)
    {
        long sequence = 0;
        await factory.ChangeDatabaseAsync(async db =>
        {
            var last = db.AuditEvents.OrderByDescending(e => e.Sequence).First();
            var e = new AuditEvent
            {
                Sequence = last.Sequence + 1, Type = type, OccurredAt = DateTime.UtcNow, Actor = "admin", SubjectType = subjectType,
                SubjectId = subjectId, ModelId = modelId, PayloadJson = "{\"description\":\"changed while deliveries were down\"}",
            };
            AuditChain.Seal(e, last.Hash);
            // Committed by the registry itself (with its anchor key), which then stopped before publishing or anchoring it.
            factory.Services.GetRequiredService<AuditAnchor>().Seal(e);
            db.AuditEvents.Add(e);
            await db.SaveChangesAsync();
            sequence = e.Sequence;
        });
        return sequence;
    }
}
