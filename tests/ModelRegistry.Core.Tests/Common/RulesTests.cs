using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Tests.Common;

public class RulesTests
{
    [Theory]
    [InlineData("toxicity-classifier")]
    [InlineData("fraud_v2.1")]
    [InlineData("a")]
    public void Url_safe_names_pass(string name) => Assert.Null(Rules.CheckName(name, "name", "model"));

    [Theory]
    [InlineData("")]
    [InlineData("Toxicity")]
    [InlineData("has space")]
    [InlineData("-leading-dash")]
    [InlineData("slash/name")]
    public void Names_that_are_not_url_safe_are_refused(string name)
        => Assert.Equal(ErrorCodes.ValidationFailed, Rules.CheckName(name, "name", "model")!.Code);

    [Fact]
    public void Tags_are_trimmed_lower_cased_and_deduplicated()
        => Assert.Equal(["fraud", "payments"], Rules.NormaliseTags([" Fraud ", "payments", "FRAUD"]).Value!);

    [Fact]
    public void Too_many_tags_are_refused()
        => Assert.Equal(ErrorCodes.ValidationFailed, Rules.NormaliseTags(Enumerable.Range(0, 51).Select(i => $"t{i}")).Error!.Code);
}
