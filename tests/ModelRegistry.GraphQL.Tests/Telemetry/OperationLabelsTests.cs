using GraphQL;
using GraphQLParser;
using GraphQLParser.AST;
using ModelRegistry.GraphQL.Telemetry;

namespace ModelRegistry.GraphQL.Tests.Telemetry;

/// <summary>Operation labels stay a bounded set whatever names clients send.</summary>
public sealed class OperationLabelsTests
{
    private static GraphQLOperationDefinition Operation(string document)
        => Parser.Parse(document).Definitions.OfType<GraphQLOperationDefinition>().Single();

    [Fact]
    public void Names_past_the_bound_are_counted_as_other_while_names_already_seen_keep_their_series()
    {
        var labels = new OperationLabels(maxNames: 3);

        var names = Enumerable.Range(0, 5).Select(i => labels.NameOf(Operation($"query Q{i} {{ a }}"))).ToList();

        Assert.Equal(["Q0", "Q1", "Q2", OperationLabels.Other, OperationLabels.Other], names);
        Assert.Equal("Q1", labels.NameOf(Operation("query Q1 { a }")));
    }

    [Fact]
    public void Unnamed_and_unselected_operations_have_labels_of_their_own()
    {
        var labels = new OperationLabels();

        Assert.Equal(OperationLabels.Anonymous, labels.NameOf(Operation("{ a }")));
        Assert.Equal(OperationLabels.Unknown, labels.NameOf(null));
        Assert.Equal("query", OperationLabels.TypeOf(Operation("{ a }")));
        Assert.Equal("subscription", OperationLabels.TypeOf(Operation("subscription S { a }")));
        Assert.Equal(OperationLabels.Unknown, OperationLabels.TypeOf(null));
    }

    [Theory]
    [InlineData("FORBIDDEN", "FORBIDDEN")]
    [InlineData("model 'secret-fraud-model' not found", "OTHER")]
    [InlineData("", "EXECUTION_FAILED")]
    public void Error_codes_are_labelled_only_when_they_look_like_codes(string code, string label)
    {
        var error = new ExecutionError("failed") { Code = code };

        Assert.Equal(label, OperationLabels.CodeOf(error));
    }
}
