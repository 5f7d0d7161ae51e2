using GraphQL;
using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Webhooks;

namespace ModelRegistry.Api.Webhooks;

/// <summary>Arguments of <c>createWebhook</c>.</summary>
public sealed class CreateWebhookInput : IMutationInput
{
    /// <summary>The receiver's absolute http(s) URL.</summary>
    public string Url { get; set; } = "";
    /// <summary>Event types to deliver, or <c>*</c>.</summary>
    public List<string> EventTypes { get; set; } = [];
    /// <summary>The signing secret, 16 characters or more; stored encrypted, never returned.</summary>
    public string Secret { get; set; } = "";
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>CreateWebhookInput</c> type.</summary>
public sealed class CreateWebhookInputType : InputObjectGraphType<CreateWebhookInput>
{
    /// <summary>Declares the fields.</summary>
    public CreateWebhookInputType()
    {
        Name = "CreateWebhookInput";
        Field(x => x.Url).Description("Absolute https URL (http only for loopback unless the host allows it).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("eventTypes")
            .Description("Event types as in RegistryEvent.type, or \"*\" for all.");
        Field(x => x.Secret).Description("At least 16 characters; signs every delivery and is never returned.");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>Arguments of <c>deleteWebhook</c>.</summary>
public sealed class DeleteWebhookInput : IMutationInput
{
    /// <summary>The webhook's ID.</summary>
    public string Id { get; set; } = "";
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>DeleteWebhookInput</c> type.</summary>
public sealed class DeleteWebhookInputType : InputObjectGraphType<DeleteWebhookInput>
{
    /// <summary>Declares the fields.</summary>
    public DeleteWebhookInputType()
    {
        Name = "DeleteWebhookInput";
        Field<NonNullGraphType<IdGraphType>>("id");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>DUPLICATE_WEBHOOK.</summary>
public sealed class DuplicateWebhookErrorType() : DomainErrorType("DuplicateWebhookError", Core.Common.ErrorCodes.DuplicateWebhook,
    "An active webhook already sends the same event types to the same URL.");

/// <summary>The <c>CreateWebhookPayload</c> type.</summary>
public sealed class CreateWebhookPayloadType() : PayloadType<Webhook, WebhookType>("CreateWebhookPayload", "webhook");

/// <summary>The <c>DeleteWebhookPayload</c> type.</summary>
public sealed class DeleteWebhookPayloadType() : PayloadType<Webhook, WebhookType>("DeleteWebhookPayload", "webhook");

/// <summary>Mutations of the Webhooks feature; both need a global ADMIN.</summary>
public static class WebhookMutations
{
    /// <summary>Adds createWebhook and deleteWebhook.</summary>
    public static void AddTo(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<CreateWebhookPayloadType>>("createWebhook")
            .Description("Subscribes an HTTP endpoint to events committed from now on; deliveries are signed with the secret.")
            .Argument<NonNullGraphType<CreateWebhookInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateWebhookInput>("input");
                return Payload<Webhook>.From(await c.RequestServices!.GetRequiredService<ManageWebhooks>()
                    .CreateAsync(new CreateWebhookCommand(input.Url, input.EventTypes, input.Secret), c.CancellationToken));
            });

        mutation.Field<NonNullGraphType<DeleteWebhookPayloadType>>("deleteWebhook")
            .Description("Stops deliveries to a webhook; it stays listed, inactive, with its delivery log.")
            .Argument<NonNullGraphType<DeleteWebhookInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<DeleteWebhookInput>("input");
                if (!IdArgument.TryDecode(input.Id, NodeTypes.Webhook, "id", out var id, out var error))
                    return Payload<Webhook>.Fail(error!);
                return Payload<Webhook>.From(await c.RequestServices!.GetRequiredService<ManageWebhooks>().DeleteAsync(id, c.CancellationToken));
            });
    }
}
