namespace ModelRegistry.Cli.Configuration;

/// <summary>
/// Where the profile file lives: <c>%APPDATA%\modelreg\config.json</c> on Windows, otherwise
/// <c>$XDG_CONFIG_HOME/modelreg/config.json</c>, or <c>~/.config/modelreg/config.json</c> when XDG_CONFIG_HOME is unset.
/// <c>MODELREG_CONFIG</c> names the file outright (CI jobs that keep it in their workspace).
/// </summary>
public static class ConfigLocation
{
    /// <summary>The environment variable that names the profile file outright.</summary>
    public const string OverrideVariable = "MODELREG_CONFIG";

    /// <summary>The profile file's path for this environment.</summary>
    public static string Resolve(Func<string, string?> environment, bool isWindows)
    {
        var explicitPath = environment(OverrideVariable);
        if (!string.IsNullOrWhiteSpace(explicitPath))
            return Path.GetFullPath(explicitPath);
        return Path.Combine(ConfigHome(environment, isWindows), "modelreg", "config.json");
    }

    private static string ConfigHome(Func<string, string?> environment, bool isWindows)
    {
        if (isWindows)
        {
            var appData = environment("APPDATA");
            return string.IsNullOrWhiteSpace(appData) ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData) : appData;
        }
        // The XDG spec says a relative XDG_CONFIG_HOME is invalid and must be ignored.
        var xdg = environment("XDG_CONFIG_HOME");
        if (!string.IsNullOrWhiteSpace(xdg) && Path.IsPathRooted(xdg))
            return xdg;
        var home = environment("HOME");
        if (string.IsNullOrWhiteSpace(home))
            home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (string.IsNullOrWhiteSpace(home))
            throw CliFailure.Usage($"Cannot tell where to keep profiles: set HOME, XDG_CONFIG_HOME or {OverrideVariable}.");
        return Path.Combine(home, ".config");
    }
}
