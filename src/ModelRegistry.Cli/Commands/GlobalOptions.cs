using System.CommandLine;

namespace ModelRegistry.Cli.Commands;

/// <summary>Options every command accepts, declared once on the root and inherited by the subcommands.</summary>
public static class GlobalOptions
{
    /// <summary>Machine output: one JSON document on stdout, no tables, trees or progress bars.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print one JSON document on stdout instead of tables", Recursive = true };

    /// <summary>The saved profile to use.</summary>
    public static Option<string?> Profile() => new("--profile")
    {
        Description = "Profile to use (default: MODELREG_PROFILE, else 'default')",
        Recursive = true,
    };
}
