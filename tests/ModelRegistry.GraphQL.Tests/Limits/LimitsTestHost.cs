using System.Net;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.Execution;
using ModelRegistry.GraphQL.Limits;

namespace ModelRegistry.GraphQL.Tests.Limits;

/// <summary>A Kestrel host of <see cref="LimitsTestSchema"/> on 127.0.0.1 with the limits wired as an application would.</summary>
public sealed class LimitsTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LimitsTestHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>A client whose base address is the host's root.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts a host; <paramref name="configure"/> adjusts the limits and <paramref name="endpoint"/> the endpoint options after them.</summary>
    public static async Task<LimitsTestHost> StartAsync(
        Action<GraphQLLimits>? configure = null, int maxBatchSize = 10, Action<GraphQLEndpointOptions>? endpoint = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddGraphQLToolkit(o => o.MaxBatchSize = maxBatchSize);
        builder.Services.AddGraphQLLimits(configure);
        if (endpoint is not null)
            builder.Services.Configure(endpoint);
        builder.Services.AddGraphQL(graphQL => graphQL.AddSchema<LimitsTestSchema>().AddGraphTypes(typeof(LimitsTestSchema).Assembly));
        var app = builder.Build();
        app.UseGraphQLRequestGuard();
        app.UseGraphQLHttp();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LimitsTestHost(app, new Uri(address));
    }

    /// <summary>Begins a graceful shutdown, as SIGTERM does, and waits for requests in flight to finish.</summary>
    public Task StopAsync() => _app.StopAsync();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
