using ModelRegistry.Api.Extensions;
using ModelRegistry.GraphQL;

var builder = WebApplication.CreateBuilder(args);
var settings = builder.AddApplicationServices(args);
var app = builder.Build();

if (settings.PrintSchema)
{
    Console.Out.Write(app.Services.PrintSchema());
    return;
}

await app.Services.PrepareDatabaseAsync(settings);
app.MapHealth();
app.UseGraphQLHttp();
app.Run();

/// <summary>Entry point, exposed for WebApplicationFactory.</summary>
public partial class Program;
