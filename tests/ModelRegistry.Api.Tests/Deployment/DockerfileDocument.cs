using System.Text;

namespace ModelRegistry.Api.Tests.Deployment;

/// <summary>One Dockerfile instruction: its upper-case keyword and the rest of the (joined) line.</summary>
public sealed record DockerInstruction(string Keyword, string Arguments);

/// <summary>One build stage: the image it starts from, its optional name and its instructions after FROM.</summary>
public sealed record DockerStage(string BaseImage, string? Name, IReadOnlyList<DockerInstruction> Instructions)
{
    /// <summary>Arguments of every instruction of this stage with the given keyword, in order.</summary>
    public IEnumerable<string> ArgumentsOf(string keyword) =>
        Instructions.Where(instruction => instruction.Keyword == keyword).Select(instruction => instruction.Arguments);

    /// <summary>The environment this stage sets with ENV, later assignments winning.</summary>
    public IReadOnlyDictionary<string, string> Environment
    {
        get
        {
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var arguments in ArgumentsOf("ENV"))
            {
                foreach (var (key, value) in DockerfileDocument.ParseAssignments(arguments))
                {
                    environment[key] = value;
                }
            }

            return environment;
        }
    }
}

/// <summary>A Dockerfile read into stages, enough to check how the image is built and run.</summary>
public sealed class DockerfileDocument
{
    private DockerfileDocument(IReadOnlyList<DockerStage> stages) => Stages = stages;

    /// <summary>The build stages in file order; the last one is the image that runs.</summary>
    public IReadOnlyList<DockerStage> Stages { get; }

    /// <summary>The stage that produces the final image.</summary>
    public DockerStage FinalStage => Stages[^1];

    /// <summary>Parses Dockerfile text: comments dropped, backslash continuations joined, split at FROM.</summary>
    public static DockerfileDocument Parse(string text)
    {
        var stages = new List<DockerStage>();
        string? baseImage = null;
        string? name = null;
        var instructions = new List<DockerInstruction>();

        foreach (var line in LogicalLines(text))
        {
            var separator = line.IndexOfAny([' ', '\t']);
            var keyword = (separator < 0 ? line : line[..separator]).ToUpperInvariant();
            var arguments = separator < 0 ? string.Empty : line[(separator + 1)..].Trim();
            if (keyword == "FROM")
            {
                if (baseImage is not null)
                {
                    stages.Add(new DockerStage(baseImage, name, instructions));
                }

                var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(word => !word.StartsWith("--", StringComparison.Ordinal)).ToArray();
                baseImage = words[0];
                name = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
                instructions = [];
            }
            else if (baseImage is not null)
            {
                instructions.Add(new DockerInstruction(keyword, arguments));
            }
        }

        if (baseImage is not null)
        {
            stages.Add(new DockerStage(baseImage, name, instructions));
        }

        return new DockerfileDocument(stages);
    }

    /// <summary>Reads <c>KEY=value KEY2="two words"</c>, or the legacy <c>KEY value</c> form, as pairs.</summary>
    public static IEnumerable<KeyValuePair<string, string>> ParseAssignments(string arguments)
    {
        var words = SplitWords(arguments);
        if (words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            var key = words[0];
            yield return new(key, arguments.Trim()[key.Length..].Trim());
            yield break;
        }

        foreach (var word in words)
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            yield return new(word[..equals], word[(equals + 1)..]);
        }
    }

    private static List<string> SplitWords(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var character in text)
        {
            if (quote is not null)
            {
                if (character == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(character);
                }
            }
            else if (character is '"' or '\'')
            {
                quote = character;
                inWord = true;
            }
            else if (char.IsWhiteSpace(character))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(character);
                inWord = true;
            }
        }

        if (inWord)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    private static IEnumerable<string> LogicalLines(string text)
    {
        var pending = new StringBuilder();
        foreach (var rawLine in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                pending.Append(line[..^1]).Append(' ');
                continue;
            }

            pending.Append(line);
            var logical = pending.ToString().Trim();
            pending.Clear();
            if (logical.Length > 0)
            {
                yield return logical;
            }
        }
    }
}
