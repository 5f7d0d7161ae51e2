namespace ModelRegistry.Cli.Configuration;

/// <summary>One saved registry connection: its base URL and the API key to send.</summary>
public sealed record Profile(string Url, string ApiKey);

/// <summary>The profile file's content: named profiles.</summary>
public sealed class ConfigFile
{
    /// <summary>Profiles by name; <c>default</c> unless <c>--profile</c> or MODELREG_PROFILE says otherwise.</summary>
    public Dictionary<string, Profile> Profiles { get; init; } = new(StringComparer.Ordinal);
}
