using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Scalars;

/// <summary>
/// The <c>Long</c> scalar (a signed 64-bit integer) that also accepts its value as a decimal string, in literals and
/// variables: a JavaScript number cannot hold every int64, so browser clients send large values as strings. Output stays
/// a JSON number.
/// </summary>
public sealed class LenientLongGraphType : LongGraphType
{
    /// <summary>Takes the place of the built-in <c>Long</c>.</summary>
    public LenientLongGraphType() => Name = "Long";

    /// <inheritdoc />
    public override object? ParseLiteral(GraphQLValue value)
        => value is GraphQLStringValue text ? ParseText((string)text.Value) : base.ParseLiteral(value);

    /// <inheritdoc />
    public override bool CanParseLiteral(GraphQLValue value)
        => value is GraphQLStringValue text ? TryParse((string)text.Value, out _) : base.CanParseLiteral(value);

    /// <inheritdoc />
    public override object? ParseValue(object? value) => value is string text ? ParseText(text) : base.ParseValue(value);

    /// <inheritdoc />
    public override bool CanParseValue(object? value) => value is string text ? TryParse(text, out _) : base.CanParseValue(value);

    private object ParseText(string text) => TryParse(text, out var number) ? number : ThrowValueConversionError(text);

    private static bool TryParse(string text, out long number)
        => long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out number);
}
