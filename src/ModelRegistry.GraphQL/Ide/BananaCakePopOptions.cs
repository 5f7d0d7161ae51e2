namespace ModelRegistry.GraphQL.Ide;

/// <summary>Where the Banana Cake Pop files live and what its bcp-config.json tells the IDE.</summary>
public sealed class BananaCakePopOptions
{
    /// <summary>False serves nothing, e.g. in production; the API is unaffected.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Folder holding the IDE's index.html; defaults to <c>ide</c> beside the application.</summary>
    public string Directory { get; set; } = Path.Combine(AppContext.BaseDirectory, "ide");

    /// <summary>Page title shown by the IDE.</summary>
    public string Title { get; set; } = "GraphQL";

    /// <summary>GraphQL endpoint the IDE talks to; defaults to the path the IDE is served at.</summary>
    public string? Endpoint { get; set; }

    /// <summary>When true the IDE derives the endpoint from the page address.</summary>
    public bool UseBrowserUrlAsEndpoint { get; set; } = true;

    /// <summary>Keeps the IDE from reporting telemetry; the machines running the registry may be offline.</summary>
    public bool DisableTelemetry { get; set; } = true;
}
