using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Models;

/// <summary>A key/value tag of a model (MLflow's registered-model tags): a string value under a unique key.</summary>
public class ModelKeyValueTag
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The model tagged.</summary>
    public long ModelId { get; set; }
    /// <summary>The key, unique per model.</summary>
    public string Key { get; set; } = "";
    /// <summary>The value; may be empty.</summary>
    public string Value { get; set; } = "";
}

/// <summary>A key/value tag of a model version (MLflow's model-version tags).</summary>
public class VersionKeyValueTag
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>The version tagged.</summary>
    public long ModelVersionId { get; set; }
    /// <summary>The key, unique per version.</summary>
    public string Key { get; set; } = "";
    /// <summary>The value; may be empty.</summary>
    public string Value { get; set; } = "";
}

/// <summary>A key/value pair as commands take it.</summary>
public sealed record KeyValueDraft(string Key, string? Value);

/// <summary>The rules of key/value tags, MLflow's limits included.</summary>
public static class KeyValueTagRules
{
    /// <summary>Longest key (MLflow's limit).</summary>
    public const int MaxKeyLength = 250;
    /// <summary>Longest value (MLflow's model registry limit).</summary>
    public const int MaxValueLength = 100_000;
    /// <summary>Most key/value tags one model or version may carry.</summary>
    public const int MaxTags = 100;

    /// <summary>Checks one key and value; null when valid.</summary>
    public static DomainError? Check(string? key, string? value)
    {
        if (string.IsNullOrWhiteSpace(key))
            return DomainError.Invalid("A tag key must not be empty.", "key");
        if (key.Length > MaxKeyLength)
            return DomainError.Invalid($"A tag key must be at most {MaxKeyLength} characters.", "key");
        if (key.Contains('\0') || value?.Contains('\0') == true)
            return DomainError.Invalid("A tag key or value must not contain NUL.", "key");
        if (value is { Length: > MaxValueLength })
            return DomainError.Invalid($"A tag value must be at most {MaxValueLength} characters.", "value");
        return null;
    }

    /// <summary>Checks a whole list (later duplicates win, as MLflow's store does); the pairs to store, or the error.</summary>
    public static Result<List<KeyValueDraft>> Normalise(IReadOnlyList<KeyValueDraft>? drafts)
    {
        var result = new List<KeyValueDraft>();
        foreach (var draft in drafts ?? [])
        {
            if (Check(draft.Key, draft.Value) is { } error)
                return error;
            result.RemoveAll(d => d.Key == draft.Key);
            result.Add(draft with { Value = draft.Value ?? "" });
        }
        if (result.Count > MaxTags)
            return DomainError.Invalid($"At most {MaxTags} key/value tags are allowed.", "keyValueTags");
        return result;
    }
}
