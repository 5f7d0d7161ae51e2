var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/healthz", () => "ok");
app.Run();

/// <summary>Entry point, exposed for WebApplicationFactory.</summary>
public partial class Program;
