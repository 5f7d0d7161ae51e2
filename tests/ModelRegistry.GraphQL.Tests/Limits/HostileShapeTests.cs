using System.Net;
using ModelRegistry.GraphQL.Errors;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Tests.Http;

namespace ModelRegistry.GraphQL.Tests.Limits;

/// <summary>A limits host with the default limits whose validation is watched by a <see cref="ValidationProbe"/>.</summary>
public sealed class ProbedLimitsHostFixture : IAsyncLifetime
{
    /// <summary>Watches every validation the host runs.</summary>
    public ValidationProbe Probe { get; } = new();

    /// <summary>The running host.</summary>
    public LimitsTestHost Host { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Host = await LimitsTestHost.StartAsync(endpoint: Probe.AttachTo);

    /// <inheritdoc />
    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// The shapes that cost minutes of CPU before their refusal (issue 13) are refused by counts taken before validation:
/// each answers its code and the engine's validation never starts on it.
/// </summary>
public sealed class HostileShapeTests(ProbedLimitsHostFixture fixture) : IClassFixture<ProbedLimitsHostFixture>
{
    private const string Validation = ErrorCodes.ValidationFailed;

    public static TheoryData<string, string, string> Shapes => new()
    {
        // At the sizes the attackers sent.
        { "50,000 @include on one field (950 KB)", HostileShapes.IncludeDirectives(50_000), LimitErrorCodes.MaxTokensExceeded },
        { "20,000 root fields (240 KB)", HostileShapes.RootFields(20_000), LimitErrorCodes.MaxTokensExceeded },
        { "fragments 7 deep, 10 spreads a level (660 bytes)", HostileShapes.FragmentFanOut(7), LimitErrorCodes.MaxExpandedFieldsExceeded },
        { "chain of 2,000 fragments", HostileShapes.FragmentChain(2_000), LimitErrorCodes.MaxTokensExceeded },
        { "chain of 4,000 fragments", HostileShapes.FragmentChain(4_000), LimitErrorCodes.MaxTokensExceeded },
        { "1,200 distinct fragments spread at the root (55 KB)", HostileShapes.DistinctFragmentsAtRoot(1_200), LimitErrorCodes.MaxSelectionsExceeded },
        { "one argument repeated (250 KB)", HostileShapes.RepeatedArgument(28_000), LimitErrorCodes.MaxTokensExceeded },
        { "unused fragments (500 KB)", HostileShapes.UnusedFragments(15_000), LimitErrorCodes.MaxTokensExceeded },
        { "unknown directives (123 KB)", HostileShapes.UnknownDirectives(12_000), LimitErrorCodes.MaxTokensExceeded },
        // The same shapes made small enough to pass the token count, so the count aimed at each shape is what refuses it.
        { "11 @include on one field", HostileShapes.IncludeDirectives(11), LimitErrorCodes.MaxDirectivesExceeded },
        { "101 root fields", HostileShapes.RootFields(101), LimitErrorCodes.MaxSelectionsExceeded },
        { "fragments 4 deep, 10 spreads a level", HostileShapes.FragmentFanOut(4), LimitErrorCodes.MaxExpandedFieldsExceeded },
        { "chain of 101 fragments", HostileShapes.FragmentChain(101), LimitErrorCodes.MaxFragmentsExceeded },
        { "251 spreads of one fragment", "{" + string.Concat(new[] { 100, 100, 51 }.Select(n => " root {" + string.Concat(Enumerable.Repeat(" ...F", n)) + " }")) + " } fragment F on TreeNode { id }", LimitErrorCodes.MaxFragmentSpreadsExceeded },
        { "one argument repeated 26 times", HostileShapes.RepeatedArgument(26), LimitErrorCodes.MaxArgumentsExceeded },
        { "one unused fragment", HostileShapes.UnusedFragments(1), Validation },
        { "one unknown directive", HostileShapes.UnknownDirectives(1), Validation },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task A_hostile_shape_is_refused_with_its_code_before_validation_starts(string shape, string query, string code)
    {
        var before = fixture.Probe.Runs;

        var response = await fixture.Host.Client.PostAsync(new { query });

        Assert.True(response.ErrorCodes.SequenceEqual([code]), $"{shape}: answered {string.Join(", ", response.ErrorCodes)}");
        Assert.False(response.Json.TryGetProperty("data", out _));
        Assert.Equal(before, fixture.Probe.Runs);
    }

    [Fact]
    public async Task The_IDE_introspection_query_passes_every_count_and_is_validated()
    {
        var before = fixture.Probe.Runs;

        var response = await fixture.Host.Client.PostAsync(new { query = IntrospectionQueries.Full });

        Assert.Equal((int)HttpStatusCode.OK, response.Status);
        Assert.Empty(response.ErrorCodes);
        Assert.Equal(before + 1, fixture.Probe.Runs);
    }

    [Fact]
    public async Task Shapes_just_inside_every_count_are_validated_and_run()
    {
        string[] documents =
        [
            "{ hello @include(if: true) @skip(if: false) }",
            HostileShapes.FragmentChain(99),
            HostileShapes.RepeatedArgument(1),
            "{ root {" + string.Concat(Enumerable.Repeat(" id", 100)) + " } }",
        ];
        foreach (var query in documents)
        {
            var response = await fixture.Host.Client.PostAsync(new { query });

            Assert.True(response.ErrorCodes.Count == 0, $"{query[..Math.Min(60, query.Length)]}: {string.Join(", ", response.ErrorCodes)}");
        }
    }
}
