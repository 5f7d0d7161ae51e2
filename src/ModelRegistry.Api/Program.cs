using ModelRegistry.Api.Artifacts;
using ModelRegistry.Api.Audit;
using ModelRegistry.Api.Auth;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Api.Jobs;
using ModelRegistry.Api.Mlflow;
using ModelRegistry.Api.Reports;
using ModelRegistry.Api.Pages;
using ModelRegistry.Api.Telemetry;
using ModelRegistry.GraphQL;
using ModelRegistry.GraphQL.Http;
using ModelRegistry.GraphQL.Ide;
using ModelRegistry.GraphQL.Sse;
using ModelRegistry.GraphQL.WebSockets;

var builder = WebApplication.CreateBuilder(args);
var settings = builder.AddApplicationServices(args);
var app = builder.Build();

if (settings.PrintSchema)
{
    Console.Out.Write(app.Services.PrintSchema());
    return;
}
if (settings.Command is { } command)
{
    Environment.ExitCode = await command.RunAsync(app.Services, settings, Console.Out, Console.Error);
    return;
}

await app.Services.PrepareDatabaseAsync(settings);
// First: the principal, the limits and the transports below all judge the path, so they must see one spelling of it.
app.UseGraphQLPathCanonicalisation();
// Before the principal: a preflight carries no credentials, and refusals (401, 429) must reach the page that reads them.
app.UseRegistryCors();
app.MapHealth();
// Before the principal: a scrape key is no API key, so /metrics judges it itself (ADMINs pass through to the mapped route).
app.UseRegistryTelemetry();
app.UseMiddleware<RegistryPrincipalMiddleware>();
app.UseRegistryHardening();
// After the principal middleware: the dashboard's filter judges the principal it set.
app.UseRegistryJobs();
app.MapComplianceReports();
app.MapAuditExport();
app.MapArtifacts();
app.MapMlflow();
app.MapMlflowArtifacts();
app.UseRegistryPages();
app.UseBananaCakePop("/graphql", new BananaCakePopOptions { Title = "Model Registry", Enabled = settings.IdeEnabled });
app.UseGraphQLWebSockets("/graphql");
app.UseGraphQLSse("/graphql");
app.UseGraphQLHttp();
app.Run();

/// <summary>Entry point, exposed for WebApplicationFactory.</summary>
public partial class Program;
