using System.Text;
using GraphQL;

namespace ModelRegistry.GraphQL.Errors;

/// <summary>
/// Readies a document's text for the lexer and parser. The parser's syntax error message costs time that grows with the
/// square of the error's column: a 100,000-character line with a syntax error at its end took a minute of CPU, which no
/// deadline stops because the time is spent building the exception. So, in one linear pass, lines are kept short: a
/// space, tab or comma (ignored tokens) past <see cref="MaxColumn"/> becomes a line feed, and a line feed is added after a
/// string or before a punctuator there. A document then means the same, but its error columns stay small (line and
/// column of an error in such a long line refer to the broken text). One token longer than <see cref="MaxColumn"/> cannot
/// be broken: a name or number that long is refused here, and a string that long is checked here, so that its errors are
/// reported by this pass at no cost. A lone carriage return becomes a line feed too (see <see cref="Prepare"/>).
/// </summary>
public static class DocumentText
{
    /// <summary>The column past which a line is broken at the next token boundary.</summary>
    public const int MaxColumn = 1000;

    /// <summary>
    /// The text to lex and parse. Lone carriage returns become line feeds: the specification counts a lone CR as a line
    /// break, and so does the parser's error location, but its error message split the source at LF only and indexed past
    /// its lines (INTERNAL_SERVER_ERROR). Throws a <c>GRAPHQL_PARSE_FAILED</c> error for a long token that is not valid.
    /// </summary>
    public static string Prepare(string body)
    {
        if (!NeedsWork(body))
            return body;
        var output = new StringBuilder(body.Length + 16);
        var column = 0;
        var line = 1;
        var i = 0;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '\r' || c == '\n')
            {
                output.Append('\n');
                i += c == '\r' && i + 1 < body.Length && body[i + 1] == '\n' ? 2 : 1;
                column = 0;
                line++;
                continue;
            }
            if (c == '#')
            {
                var end = i;
                while (end < body.Length && body[end] is not ('\r' or '\n'))
                    end++;
                output.Append(body, i, end - i);
                column += end - i;
                i = end;
                continue;
            }
            if (c == '"')
            {
                var start = i;
                var startColumn = column;
                var startLine = line;
                var block = i + 2 < body.Length && body[i + 1] == '"' && body[i + 2] == '"';
                var end = block ? EndOfBlockString(body, i, ref line) : EndOfString(body, i, startLine, startColumn);
                if (block)
                    output.Append(body.AsSpan(start, end - start).ToString().Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n'));
                else
                    output.Append(body, start, end - start);
                column = block ? ColumnAfter(body, end) : column + (end - start);
                i = end;
                if (column > MaxColumn)
                {
                    output.Append('\n');
                    column = 0;
                    line++;
                }
                continue;
            }
            if (c is ' ' or '\t' or ',' && column > MaxColumn)
            {
                output.Append('\n');
                column = 0;
                line++;
                i++;
                continue;
            }
            if (IsPunctuator(c))
            {
                // Never before a dot: it may be inside a float (1.5) or a spread (...).
                if (column > MaxColumn && c != '.')
                {
                    output.Append('\n');
                    column = 0;
                    line++;
                }
                output.Append(c);
                column++;
                i++;
                continue;
            }
            if (c is ' ' or '\t' or ',')
            {
                output.Append(c);
                column++;
                i++;
                continue;
            }
            // A name, a number, or a character the lexer will refuse: copied up to the next boundary.
            var wordEnd = i + 1;
            while (wordEnd < body.Length && !IsBoundary(body[wordEnd]))
                wordEnd++;
            if (wordEnd - i > MaxColumn)
                throw Refusal($"A name or number of more than {MaxColumn} characters starts at line {line}, column {column + 1}.");
            output.Append(body, i, wordEnd - i);
            column += wordEnd - i;
            i = wordEnd;
        }
        return output.ToString();
    }

    // Only a lone carriage return or a long line needs the rewrite; most documents are returned as they are.
    private static bool NeedsWork(string body)
    {
        var column = 0;
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\n')
            {
                column = 0;
                continue;
            }
            if (c == '\r')
            {
                if (i + 1 >= body.Length || body[i + 1] != '\n')
                    return true;
                continue;
            }
            if (++column > MaxColumn)
                return true;
        }
        return false;
    }

    private static bool IsPunctuator(char c) => c is '{' or '}' or '(' or ')' or '[' or ']' or ':' or '=' or '@' or '$' or '!' or '|' or '&' or '.';

    private static bool IsBoundary(char c) => c is ' ' or '\t' or ',' or '\r' or '\n' or '#' or '"' || IsPunctuator(c);

    /// <summary>The index after a regular string that starts at <paramref name="start"/>; its errors are reported here.</summary>
    private static int EndOfString(string body, int start, int line, int column)
    {
        var i = start + 1;
        while (i < body.Length)
        {
            var c = body[i];
            if (c == '"')
                return i + 1;
            if (c is '\r' or '\n')
                break;
            if (c < ' ' && c != '\t')
                throw Refusal($"A string at line {line}, column {column + 1} holds a control character.");
            if (c == '\\')
            {
                if (i + 1 >= body.Length)
                    break;
                var escaped = body[i + 1];
                if (escaped == 'u')
                {
                    if (!ValidUnicodeEscape(body, i + 2, out var length))
                        throw Refusal($"A string at line {line}, column {column + 1} holds an invalid \\u escape.");
                    i += 2 + length;
                    continue;
                }
                if (escaped is not ('"' or '\\' or '/' or 'b' or 'f' or 'n' or 'r' or 't'))
                    throw Refusal($"A string at line {line}, column {column + 1} holds an invalid escape.");
                i += 2;
                continue;
            }
            i++;
        }
        throw Refusal($"A string at line {line}, column {column + 1} is not terminated on its line.");
    }

    // \uXXXX, or \u{X…} as newer editions of the specification allow.
    private static bool ValidUnicodeEscape(string body, int at, out int length)
    {
        length = 0;
        if (at < body.Length && body[at] == '{')
        {
            var close = body.IndexOf('}', at);
            if (close < 0 || close - at - 1 is < 1 or > 6)
                return false;
            for (var k = at + 1; k < close; k++)
            {
                if (!char.IsAsciiHexDigit(body[k]))
                    return false;
            }
            length = close - at + 1;
            return true;
        }
        if (at + 4 > body.Length)
            return false;
        for (var k = at; k < at + 4; k++)
        {
            if (!char.IsAsciiHexDigit(body[k]))
                return false;
        }
        length = 4;
        return true;
    }

    /// <summary>The index after a block string that starts at <paramref name="start"/>; line breaks inside it are counted.</summary>
    private static int EndOfBlockString(string body, int start, ref int line)
    {
        var startLine = line;
        var i = start + 3;
        while (i < body.Length)
        {
            if (body[i] == '\\' && string.CompareOrdinal(body, i + 1, "\"\"\"", 0, 3) == 0)
            {
                i += 4;
                continue;
            }
            if (string.CompareOrdinal(body, i, "\"\"\"", 0, 3) == 0)
                return i + 3;
            if (body[i] == '\n' || (body[i] == '\r' && (i + 1 >= body.Length || body[i + 1] != '\n')))
                line++;
            i++;
        }
        throw Refusal($"A block string that starts at line {startLine} is not terminated.");
    }

    // After a block string, the column is the length of its last line.
    private static int ColumnAfter(string body, int end)
    {
        var lineStart = body.LastIndexOfAny(['\r', '\n'], end - 1);
        return end - (lineStart + 1);
    }

    private static ExecutionError Refusal(string message) => new($"Syntax error: {message}") { Code = ErrorCodes.ParseFailed };
}
