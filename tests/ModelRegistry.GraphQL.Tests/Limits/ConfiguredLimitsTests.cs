using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Tests.Http;

namespace ModelRegistry.GraphQL.Tests.Limits;

/// <summary>Limits switched or tightened through <see cref="GraphQLLimits"/>: introspection off, a short timeout.</summary>
public sealed class ConfiguredLimitsTests
{
    [Fact]
    public async Task Introspection_switched_off_refuses_schema_with_INTROSPECTION_DISABLED()
    {
        await using var host = await LimitsTestHost.StartAsync(l => l.Introspection = false);

        var response = await host.Client.PostAsync(new { query = IntrospectionQueries.Full }, accept: "application/graphql-response+json");

        Assert.Equal(400, response.Status);
        Assert.Contains(LimitErrorCodes.IntrospectionDisabled, response.ErrorCodes);
        Assert.All(response.ErrorCodes, code => Assert.Equal(LimitErrorCodes.IntrospectionDisabled, code));
    }

    [Fact]
    public async Task Introspection_switched_off_refuses_type_lookups_too()
    {
        await using var host = await LimitsTestHost.StartAsync(l => l.Introspection = false);

        var response = await host.Client.PostAsync(new { query = "{ __type(name: \"Query\") { name } }" });

        Assert.Equal([LimitErrorCodes.IntrospectionDisabled], response.ErrorCodes);
    }

    [Fact]
    public async Task Introspection_switched_off_still_answers_typename()
    {
        await using var host = await LimitsTestHost.StartAsync(l => l.Introspection = false);

        var response = await host.Client.PostAsync(new { query = "{ __typename root { __typename id } }" });

        Assert.Empty(response.ErrorCodes);
        Assert.Equal("Query", response.Json.GetProperty("data").GetProperty("__typename").GetString());
    }

    [Fact]
    public async Task A_slow_operation_is_cancelled_with_EXECUTION_TIMEOUT_and_the_server_stays_up()
    {
        await using var host = await LimitsTestHost.StartAsync(l => l.ExecutionTimeout = TimeSpan.FromMilliseconds(200));

        var response = await host.Client.PostAsync(new { query = "{ slow }" });
        var after = await host.Client.PostAsync(new { query = "{ hello }" });

        Assert.Equal(200, response.Status);
        Assert.Equal([LimitErrorCodes.ExecutionTimeout], response.ErrorCodes);
        Assert.Equal(200, after.Status);
        Assert.Equal("world", after.Json.GetProperty("data").GetProperty("hello").GetString());
    }

    [Fact]
    public async Task A_tighter_depth_limit_refuses_what_the_default_allows()
    {
        await using var host = await LimitsTestHost.StartAsync(l => l.MaxDepth = 3);

        var response = await host.Client.PostAsync(new { query = "{ root { self { self { id } } } }" });

        Assert.Equal([LimitErrorCodes.MaxDepthExceeded], response.ErrorCodes);
    }

    [Fact]
    public async Task Zero_turns_a_limit_off()
    {
        await using var host = await LimitsTestHost.StartAsync(l => l.MaxRootFields = 0);

        var response = await host.Client.PostAsync(new { query = "{ " + string.Join(" ", Enumerable.Repeat("hello", 40)) + " }" });

        Assert.Empty(response.ErrorCodes);
    }
}
