using GraphQL.Types;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Webhooks;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Paging;

namespace ModelRegistry.Api.Webhooks;

/// <summary>Queries of the Webhooks feature; the rows are filtered to global ADMINs, so anyone else gets empty lists.</summary>
public static class WebhookQueries
{
    /// <summary>The default order of delivery logs: newest attempt first.</summary>
    public static readonly OrderKey NewestFirst = OrderKey.By<WebhookDelivery, DateTime>(d => d.At, true, "at");

    /// <summary>Adds webhooks and webhookDeliveries.</summary>
    public static void AddTo(ObjectGraphType query)
    {
        query.Field<WebhooksConnectionType>("webhooks")
            .Description("Webhooks, active and deleted, in the order created; empty unless the caller is a global ADMIN.")
            .AddForwardPagingArguments()
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().Webhooks.AsNoTracking(), h => h.Id));

        query.Field<WebhookDeliveriesConnectionType>("webhookDeliveries")
            .Description("The delivery log, failures included, newest first; empty unless the caller is a global ADMIN.")
            .AddForwardPagingArguments()
            .FilterArgument(typeof(WebhookDeliveryFilterInput))
            .ResolveAsync(async c => await c.PageFilteredAsync(c.Db().WebhookDeliveries.AsNoTracking(), d => d.Id, NewestFirst));
    }
}
