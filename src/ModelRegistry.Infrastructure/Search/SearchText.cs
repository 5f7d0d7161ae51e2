using System.Globalization;
using System.Text;

namespace ModelRegistry.Infrastructure.Search;

/// <summary>
/// A user's search text turned into a safe FTS5 query: the text is cut into words the way the index's unicode61 tokenizer
/// cuts it, each word becomes a quoted string (so quotes, AND/OR/NOT/NEAR, '*', '-', ':', '^' and parentheses are only
/// ever text), the words are ANDed, and the last word matches as a prefix so that "toxicity cla" finds "toxicity-classifier".
/// </summary>
public sealed class SearchText
{
    /// <summary>The longest text accepted, in UTF-16 code units.</summary>
    public const int MaxLength = 256;

    private SearchText(IReadOnlyList<string> words)
    {
        Words = words;
        MatchExpression = words.Count == 0
            ? null
            : string.Join(" AND ", words.Select((w, i) => i == words.Count - 1 ? $"\"{w}\"*" : $"\"{w}\""));
    }

    /// <summary>The MATCH expression restricted to the named index columns: every word must occur in one of them.</summary>
    public string? InColumns(params string[] columns)
        => MatchExpression is null ? null : $"{{{string.Join(' ', columns)}}} : ({MatchExpression})";

    /// <summary>
    /// The PostgreSQL <c>to_tsquery</c> text: the words ANDed, the last one a prefix, each restricted to the given weight
    /// letters (e.g. "A" for the name only; empty for any). Each word is a quoted lexeme, so operators are only ever text.
    /// </summary>
    public string? TsQuery(string weights = "")
        => Words.Count == 0
            ? null
            : string.Join(" & ", Words.Select((w, i) => $"'{w.Replace("'", "''", StringComparison.Ordinal).Replace(@"\", @"\\", StringComparison.Ordinal)}'"
                + (i == Words.Count - 1 || weights.Length > 0 ? ":" : "") + (i == Words.Count - 1 ? "*" : "") + weights));

    /// <summary>The words searched for, in the order given.</summary>
    public IReadOnlyList<string> Words { get; }

    /// <summary>The FTS5 MATCH expression, or null when the text holds no word (only punctuation), which matches nothing.</summary>
    public string? MatchExpression { get; }

    /// <summary>Parses user text; empty, whitespace-only or over-long text is refused with a message fit for the client.</summary>
    public static bool TryParse(string? text, out SearchText? searchText, out string? problem)
    {
        searchText = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "The search text must not be empty or only whitespace.";
            return false;
        }
        if (text.Length > MaxLength)
        {
            problem = $"The search text is {text.Length} characters long; at most {MaxLength} are accepted.";
            return false;
        }
        problem = null;
        searchText = new SearchText(SplitWords(text));
        return true;
    }

    // Mirrors unicode61's default token characters (categories L*, N* and Co); everything else separates words. Because a
    // word holds no '"', wrapping it in quotes can never end the FTS5 string early.
    private static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                word.Append(rune.ToString());
                continue;
            }
            if (word.Length > 0)
                words.Add(word.ToString());
            word.Clear();
        }
        if (word.Length > 0)
            words.Add(word.ToString());
        return words;
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.PrivateUse => true,
        _ => false,
    };
}
