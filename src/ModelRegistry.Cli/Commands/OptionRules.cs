using System.CommandLine;

namespace ModelRegistry.Cli.Commands;

/// <summary>Validators for options whose bad values must be usage errors (exit 1), not registry refusals.</summary>
public static class OptionRules
{
    /// <summary>Accepts only <paramref name="choices"/>, in any letter case.</summary>
    public static Option<string> OneOf(this Option<string> option, IReadOnlyCollection<string> choices)
    {
        option.Validators.Add(r =>
        {
            if (!choices.Contains(r.GetValueOrDefault<string>()?.ToUpperInvariant()))
                r.AddError($"{option.Name} must be one of {string.Join(", ", choices)}.");
        });
        return option;
    }

    /// <summary>Accepts only whole numbers from <paramref name="minimum"/> to <paramref name="maximum"/>.</summary>
    public static Option<int> Between(this Option<int> option, int minimum, int maximum)
    {
        option.Validators.Add(r =>
        {
            var value = r.GetValueOrDefault<int>();
            if (value < minimum || value > maximum)
                r.AddError($"{option.Name} must be between {minimum} and {maximum}.");
        });
        return option;
    }
}
