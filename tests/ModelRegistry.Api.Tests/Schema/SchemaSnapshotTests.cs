using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Api.Tests.Deployment;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Schema;

/// <summary>The served schema is the checked-in schema/schema.graphql, byte for byte.</summary>
public sealed class SchemaSnapshotTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private const string SchemaFile = "schema/schema.graphql";

    private const string Regenerate =
        "The served schema differs from " + SchemaFile + ". If the change is intended, regenerate the file with " +
        "`dotnet run --project src/ModelRegistry.Api --no-launch-profile -- --print-schema > schema/schema.graphql` and commit it.";

    private static string Normalise(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static void AssertSameSchema(string served)
    {
        var expected = Normalise(RepositoryFiles.Read(SchemaFile));
        var actual = Normalise(served);
        if (expected == actual)
            return;
        var line = expected.Split('\n').Zip(actual.Split('\n')).TakeWhile(p => p.First == p.Second).Count() + 1;
        Assert.Fail($"{Regenerate}\nFirst difference at line {line}:\n  checked in: {Line(expected, line)}\n  served:     {Line(actual, line)}");
    }

    private static string Line(string text, int number) => text.Split('\n').ElementAtOrDefault(number - 1) ?? "(end of file)";

    [Fact]
    public void The_printed_schema_equals_the_checked_in_schema_file()
    {
        AssertSameSchema(factory.Services.PrintSchema());
    }

    [Fact]
    public async Task The_schema_served_at_graphql_sdl_equals_the_checked_in_schema_file()
    {
        using var response = await factory.CreateClient().GetAsync("/graphql?sdl");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertSameSchema(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_schema_advertises_every_mutation_of_the_contract()
    {
        var data = await factory.GraphQL().QueryAsync("{ __schema { mutationType { fields { name } } } }");

        var mutations = data.GetProperty("__schema").GetProperty("mutationType").GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToHashSet();
        var contract = new HashSet<string?>
        {
            "registerModel", "updateModel", "setModelAlias", "createModelVersion", "promoteModelVersion", "restoreModelVersion",
            "registerDataset", "createDatasetVersion", "addLineageEdge", "closeLineageEdge", "recordDeployment", "updateDeploymentStatus",
        };
        Assert.Superset(contract, mutations);
    }
}
