using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Tests.Http;

namespace ModelRegistry.GraphQL.Tests.Limits;

/// <summary>
/// One deadline bounds parsing, validation and execution, and shutdown cancels it: a document that is slow to validate
/// stops at the deadline, and SIGTERM ends it instead of letting it burn on after the client and the server have gone.
/// </summary>
public sealed class DeadlineTests
{
    // Forty nested selections make a few hundred nodes; at 50 ms each, validation would run for many seconds.
    private static readonly string SlowToValidate = HostileShapes.Nested(40);

    [Fact]
    public async Task Validation_stops_at_the_execution_deadline_and_answers_EXECUTION_TIMEOUT()
    {
        var probe = new ValidationProbe { PerNode = TimeSpan.FromMilliseconds(50) };
        await using var host = await LimitsTestHost.StartAsync(limits => limits.ExecutionTimeout = TimeSpan.FromSeconds(1), endpoint: probe.AttachTo);

        var response = await host.Client.PostAsync(new { query = SlowToValidate });

        Assert.Equal([LimitErrorCodes.ExecutionTimeout], response.ErrorCodes);
        Assert.True(probe.Nodes < NodeCount(SlowToValidate), $"validation visited {probe.Nodes} nodes: it ran past its deadline");
    }

    [Fact]
    public async Task Shutdown_cancels_an_operation_still_being_validated_and_answers_SERVER_STOPPING()
    {
        var probe = new ValidationProbe { PerNode = TimeSpan.FromMilliseconds(50) };
        await using var host = await LimitsTestHost.StartAsync(limits => limits.ExecutionTimeout = TimeSpan.Zero, endpoint: probe.AttachTo);

        var answer = host.Client.PostAsync(new { query = SlowToValidate });
        await probe.Entered.Task;
        var stopping = host.StopAsync();
        var response = await answer;
        await stopping;

        Assert.Equal([LimitErrorCodes.ServerStopping], response.ErrorCodes);
        Assert.True(probe.Nodes < NodeCount(SlowToValidate), $"validation visited {probe.Nodes} nodes: shutdown did not stop it");
    }

    // Every node the validator visits: the probe counts the same way on a run that is not cut short.
    private static int NodeCount(string query)
    {
        var document = GraphQLParser.Parser.Parse(query);
        var visitor = new CountingVisitor();
        visitor.VisitAsync(document, new CountingVisitor.Context()).AsTask().GetAwaiter().GetResult();
        return visitor.Count;
    }

    private sealed class CountingVisitor : GraphQLParser.Visitors.ASTVisitor<CountingVisitor.Context>
    {
        public int Count { get; private set; }

        public override ValueTask VisitAsync(GraphQLParser.AST.ASTNode? node, Context context)
        {
            if (node is not null)
                Count++;
            return base.VisitAsync(node, context);
        }

        public sealed class Context : GraphQLParser.Visitors.IASTVisitorContext
        {
            public CancellationToken CancellationToken => default;
        }
    }
}
