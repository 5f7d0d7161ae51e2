using System.Text.RegularExpressions;

namespace ModelRegistry.Core.Common;

/// <summary>Shape rules for names, tags and free text, shared by every use case.</summary>
public static partial class Rules
{
    /// <summary>Longest name accepted for models, datasets, aliases and environments.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Most tags one model or version may carry.</summary>
    public const int MaxTags = 50;

    /// <summary>Longest free-text field (descriptions, reasons).</summary>
    public const int MaxTextLength = 10_000;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex UrlSafeName();

    /// <summary>Checks a URL-safe registry name: lower case, digits, '-', '_' and '.', starting with a letter or digit.</summary>
    public static DomainError? CheckName(string? name, string field, string what)
    {
        if (string.IsNullOrEmpty(name))
            return DomainError.Invalid($"The {what} name must not be empty.", field);
        if (name.Length > MaxNameLength)
            return DomainError.Invalid($"The {what} name is longer than {MaxNameLength} characters.", field);
        if (!UrlSafeName().IsMatch(name))
            return DomainError.Invalid(
                $"The {what} name '{name}' is not URL-safe: use lower-case letters, digits, '-', '_' and '.', starting with a letter or digit.",
                field);
        return null;
    }

    /// <summary>Checks a required short text such as an owner or a version label.</summary>
    public static DomainError? CheckRequired(string? value, string field, int maxLength = MaxNameLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            return DomainError.Invalid($"'{field}' must not be empty.", field);
        return value.Length > maxLength ? DomainError.Invalid($"'{field}' is longer than {maxLength} characters.", field) : null;
    }

    /// <summary>Checks an optional text against a length bound.</summary>
    public static DomainError? CheckOptional(string? value, string field, int maxLength = MaxTextLength)
        => value is not null && value.Length > maxLength
            ? DomainError.Invalid($"'{field}' is longer than {maxLength} characters.", field)
            : null;

    /// <summary>Normalises tags: trimmed, lower-cased, de-duplicated, in first-seen order.</summary>
    public static Result<List<string>> NormaliseTags(IEnumerable<string>? tags, string field = "tags")
    {
        var result = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var tag = raw.Trim().ToLowerInvariant();
            if (tag.Length == 0 || tag.Length > 50)
                return DomainError.Invalid("Each tag must have 1 to 50 characters.", field);
            if (!result.Contains(tag))
                result.Add(tag);
        }
        return result.Count > MaxTags ? DomainError.Invalid($"At most {MaxTags} tags are allowed.", field) : result;
    }

    /// <summary>Returns the first error of several checks, or null.</summary>
    public static DomainError? First(params DomainError?[] checks) => checks.FirstOrDefault(c => c is not null);
}
