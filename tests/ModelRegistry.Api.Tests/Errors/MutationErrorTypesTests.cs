using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Tests.Fixtures;
using ModelRegistry.Core.Common;

namespace ModelRegistry.Api.Tests.Errors;

/// <summary>What codegen sees of each mutation's errors, and the selections existing clients make on them.</summary>
public sealed class MutationErrorTypesTests(DefaultPolicyRegistryApiFactory factory) : IClassFixture<DefaultPolicyRegistryApiFactory>
{
    private readonly GraphQLClient client = factory.GraphQL();

    private const string PayloadErrorsQuery = """
        { __schema { mutationType { fields { name type { ofType { name fields { name type { ofType { ofType { name } } } } } } } } } }
        """;

    private const string TypeQuery = """
        query($name: String!) { __type(name: $name) { kind interfaces { name } possibleTypes { name } } }
        """;

    [Fact]
    public async Task Every_mutation_lists_errors_of_its_own_interface_named_after_it()
    {
        var data = await client.QueryAsync(PayloadErrorsQuery);

        var mutations = data.GetProperty("__schema").GetProperty("mutationType").GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(MutationErrors.ByMutation.Keys.Order(), mutations.Select(m => m.GetProperty("name").GetString()).Order());
        foreach (var mutation in mutations)
        {
            var name = mutation.GetProperty("name").GetString()!;
            var errors = mutation.GetProperty("type").GetProperty("ofType").GetProperty("fields").EnumerateArray()
                .Single(f => f.GetProperty("name").GetString() == "errors");
            Assert.Equal(char.ToUpperInvariant(name[0]) + name[1..] + "Error", errors.GetProperty("type").GetProperty("ofType").GetProperty("ofType").GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task A_mutations_error_interface_implements_Error_and_has_exactly_the_errors_it_can_return()
    {
        var type = await TypeAsync("CreateModelVersionError");

        Assert.Equal("INTERFACE", type.GetProperty("kind").GetString());
        Assert.Equal(["Error"], Names(type, "interfaces"));
        Assert.Equal(["AuditChainTamperedError", "ForbiddenError", "NotFoundError", "UnauthenticatedError", "ValidationError"], Names(type, "possibleTypes"));
    }

    [Fact]
    public async Task SelfApprovalError_is_a_possible_error_of_approving_and_rejecting_only()
    {
        var type = await TypeAsync("SelfApprovalError");

        Assert.Equal(["ApprovePromotionError", "Error", "RejectPromotionError"], Names(type, "interfaces"));
        Assert.DoesNotContain("SelfApprovalError", Names(await TypeAsync("CancelPromotionError"), "possibleTypes"));
    }

    [Fact]
    public async Task Error_still_lists_every_typed_error_so_spread_on_Error_fits_every_mutation()
    {
        var type = await TypeAsync("Error");

        Assert.Equal(ErrorTypes.All.Length, Names(type, "possibleTypes").Count);
    }

    [Theory]
    [InlineData("errors { code message field }")]
    [InlineData("errors { ... on Error { code message field } }")]
    public async Task Selections_clients_already_make_on_errors_still_work(string selection)
    {
        var data = await client.QueryAsync(
            $"mutation($input: CreateModelVersionInput!) {{ createModelVersion(input: $input) {{ {selection} }} }}",
            new { input = new { modelId = "not-an-id" } });

        var error = Assert.Single(data.GetProperty("createModelVersion").GetProperty("errors").EnumerateArray());
        Assert.Equal("VALIDATION_FAILED", error.GetProperty("code").GetString());
        Assert.Equal("modelId", error.GetProperty("field").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task A_spread_on_a_concrete_error_type_selects_it_by_typename()
    {
        var model = await client.RegisterModelAsync();
        var version = await client.CreateVersionAsync(model);
        await client.PromoteAsync(version, "STAGING");
        var promoted = await client.MutateAsync(Operations.PromoteModelVersion, new { modelVersionId = version, targetStage = "PRODUCTION", reason = "ship" });
        var request = promoted.GetProperty("promotionRequest").GetProperty("id").GetString();

        var data = await client.QueryAsync(
            "mutation($input: ApprovePromotionInput!) { approvePromotion(input: $input) { errors { __typename ... on SelfApprovalError { code } } } }",
            new { input = new { promotionRequestId = request } });

        var error = Assert.Single(data.GetProperty("approvePromotion").GetProperty("errors").EnumerateArray());
        Assert.Equal("SelfApprovalError", error.GetProperty("__typename").GetString());
        Assert.Equal("SELF_APPROVAL", error.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_spread_on_an_error_the_mutation_cannot_return_is_refused_by_validation()
    {
        var response = await client.SendAsync(
            "mutation($input: ApprovePromotionInput!) { approvePromotion(input: $input) { errors { ... on DuplicateWebhookError { code } } } }",
            new { input = new { promotionRequestId = "UHJvbW90aW9uUmVxdWVzdDox" } });

        var error = Assert.Single(response.Errors);
        Assert.Contains("DuplicateWebhookError", error.GetProperty("message").GetString());
        Assert.False(response.Root.TryGetProperty("data", out var data) && data.ValueKind != JsonValueKind.Null);
    }

    private async Task<JsonElement> TypeAsync(string name)
        => (await client.QueryAsync(TypeQuery, new { name })).GetProperty("__type");

    private static List<string> Names(JsonElement type, string list)
        => [.. type.GetProperty(list).EnumerateArray().Select(t => t.GetProperty("name").GetString()!).Order()];
}

/// <summary>A test host fails on an undeclared error even when it runs as Production, so the whole suite checks the table.</summary>
public sealed class MutationErrorGuardInTestHostsTests(Governance.ProductionGovernanceHost host) : IClassFixture<Governance.ProductionGovernanceHost>
{
    [Fact]
    public void A_Production_test_host_checks_payload_errors_strictly()
        => Assert.True(host.Services.GetRequiredService<MutationErrorGuard>().Strict);
}

/// <summary>
/// A host whose table deliberately leaves VALIDATION_FAILED out of createModelVersion's row, so a malformed model ID
/// produces an error the mutation's interface does not declare.
/// </summary>
public class UndeclaredErrorHost : RegistryApiFactory
{
    /// <summary>The table with the one code missing.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> Narrowed = MutationErrors.ByMutation.ToDictionary(
        p => p.Key,
        p => p.Key == "createModelVersion" ? p.Value.Where(c => c != ErrorCodes.ValidationFailed).ToHashSet() : p.Value);

    /// <summary>Whether the guard throws (as in Development) or reports (as in Production).</summary>
    protected virtual bool Strict => true;

    /// <summary>The environment the host runs in.</summary>
    protected virtual string Environment => "Development";

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(Environment);
        builder.ConfigureTestServices(services => services.AddSingleton(sp =>
            new MutationErrorGuard(Strict, Narrowed, sp.GetRequiredService<ILogger<MutationErrorGuard>>())));
    }
}

/// <summary>The Production flavour of <see cref="UndeclaredErrorHost"/>: the guard reports instead of throwing.</summary>
public sealed class ProductionUndeclaredErrorHost : UndeclaredErrorHost
{
    /// <inheritdoc />
    protected override bool Strict => false;

    /// <inheritdoc />
    protected override string Environment => "Production";
}

/// <summary>An error a mutation's row misses fails loudly where the table can be fixed.</summary>
public sealed class UndeclaredErrorInDevelopmentTests(UndeclaredErrorHost host) : IClassFixture<UndeclaredErrorHost>
{
    [Fact]
    public async Task An_error_missing_from_the_mutations_row_fails_the_request_naming_mutation_and_code()
    {
        var response = await host.GraphQL().SendAsync(Operations.CreateModelVersion, new { input = new { modelId = "not-an-id" } });

        var error = Assert.Single(response.Errors);
        Assert.Equal("INTERNAL_SERVER_ERROR", error.GetProperty("extensions").GetProperty("code").GetString());
        Assert.Contains("'createModelVersion' returned VALIDATION_FAILED", error.GetProperty("message").GetString());
    }
}

/// <summary>In Production an error a mutation's row misses still reaches the client, with its code.</summary>
public sealed class UndeclaredErrorInProductionTests(ProductionUndeclaredErrorHost host) : IClassFixture<ProductionUndeclaredErrorHost>
{
    [Fact]
    public async Task An_error_missing_from_the_mutations_row_is_a_top_level_error_with_the_domain_code_and_message()
    {
        var response = await host.GraphQL().SendAsync(Operations.CreateModelVersion, new { input = new { modelId = "not-an-id" } });

        var error = Assert.Single(response.Errors);
        var extensions = error.GetProperty("extensions");
        Assert.Equal("VALIDATION_FAILED", extensions.GetProperty("code").GetString());
        Assert.Equal("modelId", extensions.GetProperty("field").GetString());
        Assert.Equal("'modelId' must be the ID of a Model; 'not-an-id' is not.", error.GetProperty("message").GetString());
        Assert.Equal(["createModelVersion", "errors"], error.GetProperty("path").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("createModelVersion").GetProperty("errors").ValueKind);
    }
}
