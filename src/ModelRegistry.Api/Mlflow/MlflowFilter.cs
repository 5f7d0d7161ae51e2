using System.Globalization;
using System.Text;

namespace ModelRegistry.Api.Mlflow;

/// <summary>One comparison of an MLflow search filter: <c>name LIKE 'fraud%'</c>, <c>tags.`team` = 'ml'</c>, <c>run_id IN ('a','b')</c>.</summary>
public sealed record MlflowClause(string Key, string? TagKey, string Comparator, IReadOnlyList<string> Values)
{
    /// <summary>The one value of a comparison that takes one.</summary>
    public string Value => Values[0];
}

/// <summary>
/// MLflow's search filter grammar (<c>search_utils.py</c>): comparisons joined by AND, no OR and no parentheses; an
/// identifier (<c>name</c>, <c>tags.&lt;key&gt;</c> or <c>tag.&lt;key&gt;</c>, keys with dots or spaces in backticks, and for
/// versions <c>version_number</c>, <c>run_id</c> and <c>source_path</c>), a comparator, and a quoted string, a number or,
/// for <c>run_id</c> only, <c>IN ( … )</c>.
/// </summary>
public static class MlflowFilter
{
    /// <summary>The attributes of registered models.</summary>
    public static readonly IReadOnlySet<string> ModelKeys = new HashSet<string> { "name" };
    /// <summary>The attributes of model versions.</summary>
    public static readonly IReadOnlySet<string> VersionKeys = new HashSet<string> { "name", "version_number", "run_id", "source_path" };

    private static readonly string[] TextComparators = ["=", "!=", "LIKE", "ILIKE"];
    private static readonly string[] NumberComparators = ["=", "!=", "<", "<=", ">", ">="];

    /// <summary>Parses <paramref name="filter"/> (empty means no clause); throws <see cref="MlflowError"/> with the reason when it is not valid.</summary>
    public static IReadOnlyList<MlflowClause> Parse(string? filter, IReadOnlySet<string> attributes)
    {
        var tokens = Tokenise(filter ?? "");
        var clauses = new List<MlflowClause>();
        var i = 0;
        while (i < tokens.Count)
        {
            if (clauses.Count > 0)
            {
                if (!tokens[i].IsWord("AND"))
                    throw Invalid($"Invalid filter '{filter}': comparisons may only be joined by AND (found '{tokens[i].Text}').");
                i++;
            }
            clauses.Add(ParseClause(tokens, ref i, filter!, attributes));
        }
        return clauses;
    }

    private static MlflowClause ParseClause(List<Token> tokens, ref int i, string filter, IReadOnlySet<string> attributes)
    {
        var identifier = Next(tokens, ref i, filter);
        if (identifier.Kind != TokenKind.Identifier)
            throw Invalid($"Invalid filter '{filter}': expected an attribute or tags.<key>, found '{identifier.Text}'.");
        var (key, tagKey) = Identifier(identifier.Text, attributes);
        var comparatorToken = Next(tokens, ref i, filter);
        var comparator = comparatorToken.Kind == TokenKind.Identifier ? comparatorToken.Text.ToUpperInvariant() : comparatorToken.Text;
        if (comparator == "<>")
            comparator = "!=";
        if (comparator == "IN")
        {
            if (key != "run_id")
                throw Invalid($"Invalid filter '{filter}': only run_id supports IN.");
            return new MlflowClause(key, null, "IN", ParseList(tokens, ref i, filter));
        }
        var numeric = key == "version_number";
        var allowed = numeric ? NumberComparators : TextComparators;
        if (!allowed.Contains(comparator))
            throw Invalid($"Invalid comparator '{comparatorToken.Text}' for {(tagKey is null ? key : "tags")}: expected one of {string.Join(", ", allowed)}.");
        var value = Next(tokens, ref i, filter);
        if (numeric)
        {
            if (value.Kind != TokenKind.Number && !(value.Kind == TokenKind.String && long.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                throw Invalid($"Invalid filter '{filter}': version_number takes a whole number, got '{value.Text}'.");
        }
        else if (value.Kind != TokenKind.String)
            throw Invalid($"Invalid filter '{filter}': the value of {(tagKey is null ? key : "tags." + tagKey)} must be a quoted string, got '{value.Text}'.");
        return new MlflowClause(key, tagKey, comparator, [value.Text]);
    }

    private static (string Key, string? TagKey) Identifier(string text, IReadOnlySet<string> attributes)
    {
        foreach (var prefix in new[] { "tags.", "tag." })
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                var tagKey = Unquote(text[prefix.Length..]);
                if (tagKey.Length == 0)
                    throw Invalid("Invalid filter: a tag key must not be empty.");
                return ("tags", tagKey);
            }
        foreach (var prefix in new[] { "attributes.", "attribute.", "attr." })
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                text = text[prefix.Length..];
        var key = Unquote(text);
        if (!attributes.Contains(key))
            throw Invalid($"Invalid attribute key '{key}' specified. Valid keys are {string.Join(", ", attributes.Select(a => $"'{a}'"))} and tags.<key>.");
        return (key, null);
    }

    private static string Unquote(string key)
        => key.Length >= 2 && (key[0] is '`' or '"') && key[^1] == key[0] ? key[1..^1] : key;

    private static List<string> ParseList(List<Token> tokens, ref int i, string filter)
    {
        if (Next(tokens, ref i, filter).Text != "(")
            throw Invalid($"Invalid filter '{filter}': IN takes a parenthesised list of quoted strings.");
        var values = new List<string>();
        while (true)
        {
            var value = Next(tokens, ref i, filter);
            if (value.Kind != TokenKind.String)
                throw Invalid($"Invalid filter '{filter}': IN takes a parenthesised list of quoted strings.");
            values.Add(value.Text);
            var separator = Next(tokens, ref i, filter);
            if (separator.Text == ")")
                return values;
            if (separator.Text != ",")
                throw Invalid($"Invalid filter '{filter}': expected ',' or ')' in the IN list.");
        }
    }

    private static Token Next(List<Token> tokens, ref int i, string filter)
        => i < tokens.Count ? tokens[i++] : throw Invalid($"Invalid filter '{filter}': it ends in the middle of a comparison.");

    private enum TokenKind { Identifier, String, Number, Symbol }

    private sealed record Token(TokenKind Kind, string Text)
    {
        public bool IsWord(string word) => Kind == TokenKind.Identifier && Text.Equals(word, StringComparison.OrdinalIgnoreCase);
    }

    private static List<Token> Tokenise(string filter)
    {
        if (filter.Length > 10_000)
            throw Invalid("The filter is longer than 10000 characters.");
        var tokens = new List<Token>();
        var i = 0;
        while (i < filter.Length)
        {
            var c = filter[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            if (c is '\'' or '"')
            {
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= filter.Length)
                        throw Invalid($"Invalid filter '{filter}': a quoted string is not closed.");
                    if (filter[i] == c)
                    {
                        // A doubled quote stands for itself, as in SQL.
                        if (i + 1 < filter.Length && filter[i + 1] == c)
                        {
                            text.Append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.Append(filter[i++]);
                }
                tokens.Add(new Token(TokenKind.String, text.ToString()));
                continue;
            }
            if (c is '(' or ')' or ',')
            {
                tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                i++;
                continue;
            }
            if (c is '=' or '!' or '<' or '>')
            {
                var two = i + 1 < filter.Length ? filter.Substring(i, 2) : null;
                if (two is "!=" or "<=" or ">=" or "<>")
                {
                    tokens.Add(new Token(TokenKind.Symbol, two));
                    i += 2;
                }
                else if (c == '!')
                    throw Invalid($"Invalid filter '{filter}': '!' must be followed by '='.");
                else
                {
                    tokens.Add(new Token(TokenKind.Symbol, c.ToString()));
                    i++;
                }
                continue;
            }
            if (char.IsDigit(c) || (c == '-' && i + 1 < filter.Length && char.IsDigit(filter[i + 1])))
            {
                var start = i++;
                while (i < filter.Length && char.IsDigit(filter[i]))
                    i++;
                tokens.Add(new Token(TokenKind.Number, filter[start..i]));
                continue;
            }
            if (char.IsLetter(c) || c is '_' or '`')
            {
                var start = i;
                while (i < filter.Length && (char.IsLetterOrDigit(filter[i]) || filter[i] is '_' or '.' or '`'))
                {
                    if (filter[i] == '`')
                    {
                        var close = filter.IndexOf('`', i + 1);
                        if (close < 0)
                            throw Invalid($"Invalid filter '{filter}': a backtick is not closed.");
                        i = close + 1;
                        continue;
                    }
                    i++;
                }
                tokens.Add(new Token(TokenKind.Identifier, filter[start..i]));
                continue;
            }
            throw Invalid($"Invalid filter '{filter}': unexpected character '{c}'.");
        }
        return tokens;
    }

    private static MlflowError Invalid(string message) => MlflowError.InvalidParameter(message);
}
