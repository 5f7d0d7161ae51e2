using System.Text.Json;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Schema;

/// <summary>
/// The October 2021 introspection that code generators ask for with every option on: repeatable directives, deprecated
/// arguments and input fields, and the URL that specifies each custom scalar; and a <c>Long</c> that accepts strings.
/// </summary>
public sealed class IntrospectionCompletenessTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const string FullIntrospection = """
        {
          __schema {
            directives { name isRepeatable locations args(includeDeprecated: true) { name isDeprecated deprecationReason } }
            types {
              name kind specifiedByURL
              fields(includeDeprecated: true) { name args(includeDeprecated: true) { name isDeprecated deprecationReason } }
              inputFields(includeDeprecated: true) { name isDeprecated deprecationReason }
            }
          }
        }
        """;

    private readonly GraphQLClient client = factory.GraphQL();

    [Fact]
    public async Task The_full_option_introspection_query_is_answered()
    {
        var response = await client.SendAsync(FullIntrospection);

        response.AssertNoErrors();
        var schema = response.Data.GetProperty("__schema");
        var directives = schema.GetProperty("directives").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!);
        Assert.False(directives["include"].GetProperty("isRepeatable").GetBoolean());
        Assert.Contains("SCALAR", directives["specifiedBy"].GetProperty("locations").EnumerateArray().Select(l => l.GetString()));
        var input = schema.GetProperty("types").EnumerateArray().First(t => t.GetProperty("name").GetString() == "CreateModelVersionInput");
        Assert.All(input.GetProperty("inputFields").EnumerateArray(), f => Assert.Equal(JsonValueKind.False, f.GetProperty("isDeprecated").ValueKind));
    }

    [Theory]
    [InlineData("DateTime", "https://scalars.graphql.org/andimarek/date-time")]
    [InlineData("Long", "https://spec.openapis.org/oas/v3.1.0#data-types")]
    [InlineData("JSON", "https://www.rfc-editor.org/rfc/rfc8259")]
    [InlineData("String", null)]
    public async Task Each_custom_scalar_names_the_URL_that_specifies_it(string scalar, string? url)
    {
        var data = await client.QueryAsync("query($name: String!) { __type(name: $name) { specifiedByURL } }", new { name = scalar });

        var served = data.GetProperty("__type").GetProperty("specifiedByURL");
        Assert.Equal(url, served.ValueKind == JsonValueKind.Null ? null : served.GetString());
    }

    [Fact]
    public async Task A_Long_argument_is_accepted_as_a_decimal_string_in_a_literal_and_in_a_variable()
    {
        var literal = await client.SendAsync("""{ registryEvents(first: 1, where: { sequence: { gt: "0" } }) { totalCount } }""");
        var variable = await client.SendAsync("query($after: Long) { registryEvents(first: 1, where: { sequence: { gt: $after } }) { totalCount } }", new { after = "0" });
        var garbage = await client.SendAsync("query($after: Long) { registryEvents(first: 1, where: { sequence: { gt: $after } }) { totalCount } }", new { after = "twelve" });

        literal.AssertNoErrors();
        variable.AssertNoErrors();
        Assert.NotEmpty(garbage.Errors);
        Assert.DoesNotContain("INTERNAL_SERVER_ERROR", garbage.ErrorCodes);
    }
}
