using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Webhooks;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Webhooks;

/// <summary>The <c>Webhook</c> node; its signing secret is never readable.</summary>
public sealed class WebhookType : ObjectGraphType<Webhook>
{
    /// <summary>Declares the fields.</summary>
    public WebhookType()
    {
        Name = "Webhook";
        Interface<NodeInterfaceType>();
        Description = "An HTTP endpoint that receives signed registry events; visible to global ADMINs only.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.Webhook, c.Source.Id));
        Field(h => h.Url);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("eventTypes")
            .Description("Event types delivered, or [\"*\"] for all.")
            .Resolve(c => c.Source.EventTypes);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt);
        Field(h => h.CreatedBy);
        Field(h => h.Active).Description("False once deleted; nothing more is delivered.");
        Field<DateTimeGraphType>("deletedAt").Resolve(c => c.Source.DeletedAt);
        Field(h => h.DeletedBy, nullable: true);
        Field<NonNullGraphType<LongGraphType>>("deliveredThroughSequence")
            .Description("Every matching event up to this sequence is delivered or given up; the catch-up job resumes after it.")
            .Resolve(c => c.Source.DeliveredThroughSequence);
        Field<WebhookDeliveriesConnectionType>("deliveries")
            .Description("This webhook's delivery attempts, newest first.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(WebhookDeliveryFilterInput))
            .Resolve(c => c.PageFilteredForParent("webhook.deliveries", c.Source.Id, db => db.WebhookDeliveries.AsNoTracking(), d => d.WebhookId,
                d => d.Id, WebhookQueries.NewestFirst));
    }
}

/// <summary>The <c>WebhookDelivery</c> node: one attempt to deliver one event.</summary>
public sealed class WebhookDeliveryType : ObjectGraphType<WebhookDelivery>
{
    /// <summary>Declares the fields.</summary>
    public WebhookDeliveryType()
    {
        Name = "WebhookDelivery";
        Interface<NodeInterfaceType>();
        Description = "One attempt to deliver one event to a webhook, successful or not.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.WebhookDelivery, c.Source.Id));
        Field<NonNullGraphType<WebhookType>>("webhook").Resolve(c => c.LoadById<Webhook>(c.Source.WebhookId));
        Field<NonNullGraphType<LongGraphType>>("eventSequence")
            .Description("The delivered event's sequence, also sent as X-Registry-Sequence; receivers dedupe on it.")
            .Resolve(c => c.Source.EventSequence);
        Field(d => d.EventType);
        Field(d => d.Attempt).Description("1 for the first attempt at this event, then 2, 3…");
        Field(d => d.StatusCode, nullable: true).Description("The receiver's HTTP status, when it answered.");
        Field(d => d.Succeeded).Description("True for a 2xx answer.");
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(c => c.Source.At);
        Field(d => d.Error, nullable: true);
        Field<NonNullGraphType<LongGraphType>>("durationMs").Resolve(c => c.Source.DurationMs);
    }
}

/// <summary><c>WebhooksConnection</c> / <c>WebhooksEdge</c>.</summary>
public sealed class WebhooksConnectionType() : ConnectionType<WebhookType>("Webhooks");

/// <summary><c>WebhookDeliveriesConnection</c> / <c>WebhookDeliveriesEdge</c>.</summary>
public sealed class WebhookDeliveriesConnectionType() : ConnectionType<WebhookDeliveryType>("WebhookDeliveries");

/// <summary><c>WebhookDeliveryFilterInput</c>: the <c>where</c> of delivery logs.</summary>
public sealed class WebhookDeliveryFilterInput : FilterInputType<WebhookDelivery>
{
    /// <summary>Declares the filterable fields of a delivery.</summary>
    public WebhookDeliveryFilterInput()
    {
        Name = "WebhookDeliveryFilterInput";
        Id(d => d.Id, NodeTypes.WebhookDelivery);
        Id(d => d.WebhookId, NodeTypes.Webhook, "webhookId");
        Filter(d => d.EventSequence);
        Filter(d => d.EventType);
        Filter(d => d.Attempt);
        Filter(d => d.StatusCode);
        Filter(d => d.Succeeded);
        Filter(d => d.At);
    }
}
