using System.Text;

namespace ModelRegistry.GraphQL.Tests.Limits;

/// <summary>
/// Documents of the shapes that cost the server seconds to minutes before they were refused (issue 13, defect 1), written
/// against <see cref="LimitsTestSchema"/>. Each takes its repeat count, so a test or a benchmark can vary the size.
/// </summary>
public static class HostileShapes
{
    /// <summary>One field carrying <paramref name="count"/> <c>@include</c> directives.</summary>
    public static string IncludeDirectives(int count) => "{ hello" + Repeat(count, _ => " @include(if: true)") + " }";

    /// <summary><paramref name="count"/> identical root fields, no aliases.</summary>
    public static string RootFields(int count) => "{" + Repeat(count, _ => " root { id }") + " }";

    /// <summary>Fragments <paramref name="levels"/> deep, each spreading the next <paramref name="spreads"/> times.</summary>
    public static string FragmentFanOut(int levels, int spreads = 10)
        => "{ root { ...F0 } }" + Repeat(levels, i => $" fragment F{i} on TreeNode {{ self {{{Repeat(spreads, _ => $" ...F{i + 1}")} }} }}")
           + $" fragment F{levels} on TreeNode {{ id }}";

    /// <summary>A chain of <paramref name="count"/> fragments, each spreading the next.</summary>
    public static string FragmentChain(int count)
        => "{ root { ...F0 } }" + Repeat(count, i => $" fragment F{i} on TreeNode {{ id ...F{i + 1} }}") + $" fragment F{count} on TreeNode {{ id }}";

    /// <summary><paramref name="count"/> distinct fragments, all spread in the root selection set.</summary>
    public static string DistinctFragmentsAtRoot(int count)
        => "{" + Repeat(count, i => $" ...F{i}") + " }" + Repeat(count, i => $" fragment F{i} on Query {{ hello }}");

    /// <summary>One argument written <paramref name="count"/> times on one field.</summary>
    public static string RepeatedArgument(int count) => "{ nodes(" + Repeat(count, _ => "first: 1 ") + ") { nodes { id } } }";

    /// <summary>A one-field query followed by <paramref name="count"/> fragments nothing spreads.</summary>
    public static string UnusedFragments(int count) => "{ hello }" + Repeat(count, i => $" fragment U{i} on Query {{ hello }}");

    /// <summary>One field carrying <paramref name="count"/> directives the schema does not define.</summary>
    public static string UnknownDirectives(int count) => "{ hello" + Repeat(count, i => $" @unknown{i}") + " }";

    /// <summary><paramref name="count"/> aliased root fields.</summary>
    public static string Aliases(int count) => "{" + Repeat(count, i => $" a{i}: hello") + " }";

    /// <summary>One input-free field with a string argument of <paramref name="length"/> characters: one token, however long.</summary>
    public static string LongString(int length) => "mutation { echo(text: \"" + new string('x', length) + "\") }";

    /// <summary>One line: a string of <paramref name="length"/> characters, then an unterminated one (a syntax error at its end).</summary>
    public static string UnterminatedStringAfterLongOne(int length) => "mutation { echo(text: \"" + new string('x', length) + "\"\") }";

    /// <summary>One line of <paramref name="count"/> fields ending in a stray token (a syntax error at its end).</summary>
    public static string StrayTokenAfterLongLine(int count) => "{" + Repeat(count, _ => " hello") + " } )";

    /// <summary>A document that is mostly one comment of <paramref name="length"/> characters.</summary>
    public static string LongComment(int length) => "# " + new string('x', length) + "\n{ hello }";

    /// <summary>Selections nested <paramref name="depth"/> levels deep through <c>self</c>.</summary>
    public static string Nested(int depth) => "{ root {" + Repeat(depth, _ => " self {") + " id" + new string('}', depth + 1) + " }";

    private static string Repeat(int count, Func<int, string> part)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
            text.Append(part(i));
        return text.ToString();
    }
}
