using System.Text.Json;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Tests.Deployment;
using ModelRegistry.Api.Tests.Fixtures;

namespace ModelRegistry.Api.Tests.Costs;

/// <summary>
/// The frontend operations kept in <c>schema/operations</c> (a catalogue, a model page, a lineage picture, promotions)
/// pass the default depth and cost limits, which are calibrated on them; the hostile shapes stay refused
/// (<c>Hardening/HardeningTests.cs</c>, <c>Limits/HostileShapeTests.cs</c>). Subscriptions run through the same rules over
/// graphql-ws in the Node suite (<c>tests/e2e/apollo.test.js</c>).
/// </summary>
public sealed class RealisticOperationTests(RegistryApiFactory factory) : IClassFixture<RegistryApiFactory>
{
    private static readonly string[] RefusedBeforeExecution = ["GRAPHQL_VALIDATION_FAILED", "INVALID_VARIABLE", "BAD_REQUEST", "SYNTAX_ERROR"];

    private readonly GraphQLClient client = factory.GraphQL();

    /// <summary>Every query and mutation in the operation files, by file and name.</summary>
    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "schema", "operations"), "*.graphql").Order(StringComparer.Ordinal))
        {
            foreach (var operation in Parser.Parse(File.ReadAllText(file)).Definitions.OfType<GraphQLOperationDefinition>())
            {
                if (operation.Operation != OperationType.Subscription)
                    data.Add(Path.GetFileName(file), operation.Name!.StringValue);
            }
        }
        return data;
    }

    [Fact]
    public void The_operation_files_hold_the_operations_a_frontend_writes()
    {
        var names = Operations().Select(row => (string)row[1]).ToHashSet();

        Assert.Superset(new HashSet<string> { "Catalogue", "ModelPage", "LineagePicture", "ProductionLineage", "PromoteVersion" }, names);
    }

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_realistic_operation_passes_the_default_depth_and_cost_limits(string file, string operationName)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "schema", "operations", file));
        var operation = Parser.Parse(text).Definitions.OfType<GraphQLOperationDefinition>().Single(o => o.Name?.StringValue == operationName);
        var schema = factory.Services.GetRequiredService<ISchema>();
        schema.Initialize();

        var response = await client.PostRawAsync(JsonSerializer.Serialize(new { query = text, operationName, variables = RequiredVariables(schema, operation) }));

        var refused = response.ErrorCodes.Where(code => code is not null && (code.StartsWith("MAX_", StringComparison.Ordinal) || RefusedBeforeExecution.Contains(code))).ToList();
        Assert.True(refused.Count == 0, $"{operationName} was refused before it ran: {response.Body}");
        Assert.True(response.Data.ValueKind == JsonValueKind.Object, $"{operationName} returned no data: {response.Body}");
    }

    // Values for the variables the operation cannot run without, of the right input types; optional ones keep their defaults.
    private static Dictionary<string, object?> RequiredVariables(ISchema schema, GraphQLOperationDefinition operation)
    {
        var variables = new Dictionary<string, object?>();
        foreach (var variable in operation.Variables?.Items ?? [])
        {
            if (variable.Type is GraphQLNonNullType && variable.DefaultValue is null)
                variables[variable.Variable.Name.StringValue] = Sample(TypeOf(schema, variable.Type));
        }
        return variables;
    }

    private static IGraphType TypeOf(ISchema schema, GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => new NonNullGraphType(TypeOf(schema, nonNull.Type)),
        GraphQLListType list => new ListGraphType(TypeOf(schema, list.Type)),
        GraphQLNamedType named => schema.AllTypes[named.Name.StringValue]!,
        _ => throw new NotSupportedException(type.Kind.ToString()),
    };

    private static object? Sample(IGraphType type) => type switch
    {
        NonNullGraphType nonNull => Sample(nonNull.ResolvedType!),
        ListGraphType list => new[] { Sample(list.ResolvedType!) },
        EnumerationGraphType enumeration => enumeration.Values.First().Name,
        IInputObjectGraphType input => input.Fields
            .Where(f => f.ResolvedType is NonNullGraphType && f.DefaultValue is null)
            .ToDictionary(f => f.Name, f => Sample(f.ResolvedType!)),
        IdGraphType => "TW9kZWxWZXJzaW9uOjE",
        IntGraphType => 5,
        FloatGraphType => 0.5,
        BooleanGraphType => true,
        _ when type.Name == "DateTime" => "2026-01-01T00:00:00Z",
        _ when type.Name == "Long" => 1,
        _ => "sample",
    };
}
