using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelRegistry.Api.Tests.Webhooks;

/// <summary>One request the receiver got: its headers, its raw body and the status it answered.</summary>
public sealed record ReceivedDelivery(IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredStatus)
{
    /// <summary>A header's value, or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A customer's webhook endpoint: Kestrel on a free loopback port that records every POST and answers with the scripted
/// statuses in turn, then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ConcurrentQueue<int> _script;
    private readonly Channel<ReceivedDelivery> _arrivals = Channel.CreateUnbounded<ReceivedDelivery>();
    private readonly ConcurrentQueue<ReceivedDelivery> _received = new();
    private readonly WebApplication _app;

    private WebhookReceiver(IEnumerable<int> script)
    {
        _script = new ConcurrentQueue<int>(script);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(AnswerAsync);
    }

    /// <summary>The URL to register as the webhook.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Everything received so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedDelivery> Received => [.. _received];

    /// <summary>Starts a receiver answering <paramref name="script"/> first, then 200.</summary>
    public static async Task<WebhookReceiver> StartAsync(params int[] script)
    {
        var receiver = new WebhookReceiver(script);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.Url = address.TrimEnd('/') + "/hooks/registry?tenant=acme";
        return receiver;
    }

    /// <summary>The next request to arrive; fails the test when none comes within a minute.</summary>
    public async Task<ReceivedDelivery> NextAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        try
        {
            return await _arrivals.Reader.ReadAsync(patience.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No webhook delivery arrived at {Url} within {Patience.TotalSeconds} s.");
        }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var status = _script.TryDequeue(out var scripted) ? scripted : StatusCodes.Status200OK;
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var delivery = new ReceivedDelivery(headers, body.ToArray(), status);
        _received.Enqueue(delivery);
        http.Response.StatusCode = status;
        await http.Response.WriteAsync(status == 200 ? "ok" : "try again later");
        _arrivals.Writer.TryWrite(delivery);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
