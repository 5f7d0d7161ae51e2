namespace ModelRegistry.Api.Tests.Querying;

/// <summary>Filters and orders the server cannot honour are refused with coded errors, never with HTTP 500.</summary>
[Collection(QueryingCollection.Name)]
public sealed class InvalidFilterTests(QueryingRegistry registry)
{
    [Theory]
    [InlineData("unknown field", """{ models(where: { colour: { eq: "red" } }) { totalCount } }""")]
    [InlineData("gt on a string", """{ models(where: { name: { gt: "a" } }) { totalCount } }""")]
    [InlineData("text for an Int", """{ modelVersions(where: { number: { eq: "three" } }) { totalCount } }""")]
    [InlineData("unknown enum value", """{ modelVersions(where: { stage: { eq: LIVE } }) { totalCount } }""")]
    [InlineData("unknown sort field", """{ deployments(order: [{ trafficPercent: ASC }]) { totalCount } }""")]
    [InlineData("nested unknown field", """{ models { nodes { versions(where: { metrics: { some: { unit: { eq: "s" } } } }) { totalCount } } } }""")]
    public async Task A_filter_of_the_wrong_shape_is_a_validation_error_with_a_code(string because, string query)
    {
        var response = await registry.PostAsync(query);

        Assert.True(response.Errors.Count > 0, because);
        Assert.All(response.ErrorCodes, code => Assert.Equal("GRAPHQL_VALIDATION_FAILED", code));
        Assert.Null(response.Body["data"]);
    }

    [Fact]
    public async Task A_filter_value_of_the_wrong_type_in_a_variable_is_refused_with_a_code()
    {
        var response = await registry.PostAsync(
            "query($where: ModelVersionFilterInput) { modelVersions(where: $where) { totalCount } }",
            new { where = new { number = new { gte = "many" } } });

        Assert.NotEmpty(response.Errors);
        Assert.All(response.ErrorCodes, code => Assert.Equal("INVALID_ARGUMENT", code));
    }

    [Fact]
    public async Task An_ID_filter_with_the_ID_of_another_type_is_INVALID_ARGUMENT()
    {
        var versionId = registry.Catalogue.Versions[0].Id;

        var response = await registry.PostAsync($$"""{ models(where: { id: { eq: "{{versionId}}" } }) { totalCount } }""");

        Assert.Equal(["INVALID_ARGUMENT"], response.ErrorCodes);
        Assert.Equal(["models"], response.Errors[0]["path"]!.AsArray().Select(p => p!.GetValue<string>()));
    }

    [Fact]
    public async Task A_malformed_ID_in_a_nested_filter_is_INVALID_ARGUMENT()
    {
        var response = await registry.PostAsync("""
            { models(first: 2) { nodes { deployments(where: { modelVersion: { id: { in: ["not-an-id"] } } }) { totalCount } } } }
            """);

        Assert.NotEmpty(response.Errors);
        Assert.All(response.ErrorCodes, code => Assert.Equal("INVALID_ARGUMENT", code));
    }

    [Fact]
    public async Task An_ID_filter_with_the_right_type_finds_its_row()
    {
        var model = registry.Catalogue.Models[5];

        var data = await registry.QueryAsync($$"""{ models(where: { id: { eq: "{{model.Id}}" } }) { nodes { id name } } }""");

        Assert.Equal([model.Id], QueryingCatalogue.Ids(data["models"]!));
    }
}
