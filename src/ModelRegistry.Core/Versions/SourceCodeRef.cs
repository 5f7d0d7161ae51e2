namespace ModelRegistry.Core.Versions;

/// <summary>The repository, commit and path a version was trained from.</summary>
public class SourceCodeRef
{
    /// <summary>Repository URL or name.</summary>
    public string Repository { get; set; } = "";
    /// <summary>Commit hash.</summary>
    public string Commit { get; set; } = "";
    /// <summary>Path of the training entry point, if any.</summary>
    public string? Path { get; set; }
}
