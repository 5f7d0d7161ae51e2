using System.Net;
using GraphQL;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.GraphQL.Execution;

namespace ModelRegistry.GraphQL.Tests.TestSchema;

/// <summary>A Kestrel host of <see cref="HttpTestSchema"/> on 127.0.0.1 with a random port.</summary>
public sealed class HttpTestHost : IAsyncDisposable
{
    /// <summary>The body the stand-in for the IDE answers requests passed down the pipeline with.</summary>
    public const string NextMiddlewareBody = "<html>next middleware</html>";

    private readonly WebApplication _app;

    private HttpTestHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = baseAddress };
    }

    /// <summary>A client whose base address is the host's root.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts a host; <paramref name="configure"/> adjusts the endpoint options.</summary>
    public static async Task<HttpTestHost> StartAsync(Action<GraphQLEndpointOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddGraphQLToolkit(configure);
        builder.Services.AddGraphQL(graphQL => graphQL.AddSchema<HttpTestSchema>().AddGraphTypes(typeof(HttpTestSchema).Assembly));
        builder.Services.AddNodeResolver<HttpThing>("Thing", (_, key, _) => HttpThings.FindAsync(key));
        var app = builder.Build();
        app.UseGraphQLHttp();
        app.Run(context =>
        {
            context.Response.ContentType = "text/html";
            return context.Response.WriteAsync(NextMiddlewareBody);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpTestHost(app, new Uri(address));
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
