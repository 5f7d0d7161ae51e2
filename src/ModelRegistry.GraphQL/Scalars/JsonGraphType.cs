using System.Text.Json;
using GraphQL.Types;
using GraphQLParser.AST;

namespace ModelRegistry.GraphQL.Scalars;

/// <summary>The <c>JSON</c> scalar: any JSON value, read from literals or variables into a <see cref="JsonElement"/>.</summary>
public sealed class JsonGraphType : ScalarGraphType
{
    /// <summary>Names the scalar JSON.</summary>
    public JsonGraphType()
    {
        Name = "JSON";
        Description = "Any JSON value.";
    }

    /// <inheritdoc />
    public override object? ParseLiteral(GraphQLValue value) => value is GraphQLNullValue ? null : ToElement(FromLiteral(value));

    /// <inheritdoc />
    public override object? ParseValue(object? value) => value is null ? null : ToElement(value);

    /// <inheritdoc />
    public override object? Serialize(object? value) => value switch
    {
        null => null,
        string text => JsonSerializer.Deserialize<JsonElement>(text),
        _ => value,
    };

    /// <inheritdoc />
    public override bool CanParseLiteral(GraphQLValue value) => true;

    /// <inheritdoc />
    public override bool CanParseValue(object? value) => true;

    private static JsonElement ToElement(object? value) => value is JsonElement element ? element : JsonSerializer.SerializeToElement(value);

    private static object? FromLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLBooleanValue b => b.BoolValue,
        GraphQLIntValue i => decimal.Parse(i.Value.Span, provider: System.Globalization.CultureInfo.InvariantCulture),
        GraphQLFloatValue f => double.Parse(f.Value.Span, provider: System.Globalization.CultureInfo.InvariantCulture),
        GraphQLStringValue s => s.Value.ToString(),
        GraphQLEnumValue e => e.Name.StringValue,
        GraphQLListValue list => list.Values?.Select(FromLiteral).ToList() ?? [],
        GraphQLObjectValue obj => obj.Fields?.ToDictionary(f => f.Name.StringValue, f => FromLiteral(f.Value)) ?? [],
        _ => throw new InvalidOperationException($"Unsupported JSON literal {value.Kind}."),
    };
}
