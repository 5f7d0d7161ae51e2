using ModelRegistry.GraphQL.Http;

namespace ModelRegistry.GraphQL.Tests.Http;

/// <summary>Content negotiation tells a subscription from the tokens alone, whatever the document's shape.</summary>
public sealed class RequestedOperationTests
{
    [Theory]
    [InlineData("subscription { ticks { n } }", null, true)]
    [InlineData("subscription S($n: Int = 1) @live { ticks(count: $n) { n } }", null, true)]
    [InlineData("{ hello }", null, false)]
    [InlineData("query { hello }", null, false)]
    [InlineData("mutation { bump }", null, false)]
    [InlineData("fragment F on Subscription { ticks { n } } subscription { ...F }", null, true)]
    [InlineData("query Q($f: In = { a: { b: 1 } }) { hello } subscription S { ticks { n } }", "S", true)]
    [InlineData("query Q($f: In = { a: { b: 1 } }) { hello } subscription S { ticks { n } }", "Q", false)]
    [InlineData("subscription S { ticks { n } } query Q { hello }", "Q", false)]
    [InlineData("query subscription { hello }", null, false)]
    [InlineData("subscription S { ticks { n } }", "Missing", false)]
    [InlineData("", null, false)]
    public void Tells_whether_the_chosen_operation_is_a_subscription(string query, string? operationName, bool expected)
        => Assert.Equal(expected, RequestedOperation.IsSubscription(query, operationName, maxTokens: 1000));

    [Fact]
    public void A_document_past_the_token_budget_is_not_read_as_a_subscription()
    {
        const string document = "query Q { a b c d e f } subscription S { ticks { n } }";

        Assert.False(RequestedOperation.IsSubscription(document, "S", maxTokens: 5));
        Assert.True(RequestedOperation.IsSubscription(document, "S", maxTokens: 50));
    }

    [Fact]
    public void A_syntax_error_before_the_body_is_not_a_subscription()
        => Assert.False(RequestedOperation.IsSubscription("subscription S ( { ticks }", null, maxTokens: 1000));
}
