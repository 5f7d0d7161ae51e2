using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using ModelRegistry.Api.Telemetry;
using ModelRegistry.Api.Tests.Fixtures;
using OpenTelemetry.Trace;

namespace ModelRegistry.Api.Tests.Telemetry;

/// <summary>The registry's tracing pipeline, with OpenTelemetry's in-memory exporter standing in for the OTLP one.</summary>
public sealed class TracingRegistryApiFactory : RegistryApiFactory
{
    /// <summary>Every span exported, from this host and any other host of the test run (activity listeners are process-wide).</summary>
    public List<Activity> Exported { get; } = [];

    /// <inheritdoc />
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddRegistrySources().AddInMemoryExporter(Exported)));
    }

    /// <summary>The spans exported so far, copied under the exporter's lock.</summary>
    public List<Activity> Snapshot()
    {
        lock (Exported)
            return [.. Exported];
    }
}

/// <summary>One promoteModelVersion makes one trace: HTTP, then the GraphQL operation, then the write path, then SQL.</summary>
public sealed class TracingTests(TracingRegistryApiFactory factory) : IClassFixture<TracingRegistryApiFactory>
{
    private const string Promote = """
        mutation TracedPromotion($input: PromoteModelVersionInput!) {
          promoteModelVersion(input: $input) { modelVersion { stage } errors { code } }
        }
        """;

    [Fact]
    public async Task A_promotion_is_one_trace_with_GraphQL_write_path_and_SQL_spans_nested_in_order()
    {
        var client = factory.GraphQL();
        var versionId = await client.CreateVersionAsync(await client.RegisterModelAsync());

        var payload = await client.MutateAsync(Promote, new { modelVersionId = versionId, targetStage = "STAGING", reason = "traced" });
        Assert.Equal("STAGING", payload.GetProperty("modelVersion").GetProperty("stage").GetString());

        var operation = await SpanAsync(s => s.Source.Name == "ModelRegistry.GraphQL" && s.DisplayName == "mutation TracedPromotion");
        Assert.Equal("mutation", operation.GetTagItem("graphql.operation.type"));
        Assert.Equal("TracedPromotion", operation.GetTagItem("graphql.operation.name"));
        // Never the variables: the reason given is not on any span of the trace.
        var trace = await TraceAsync(operation.TraceId, s => s.Kind == ActivityKind.Server);
        Assert.DoesNotContain(trace, s => s.TagObjects.Any(t => t.Value?.ToString()?.Contains("traced", StringComparison.Ordinal) == true));

        var request = Assert.Single(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal(request.SpanId, operation.ParentSpanId);
        var write = Assert.Single(trace, s => s.DisplayName == "registry.write");
        Assert.Equal(operation.SpanId, write.ParentSpanId);
        var lockWait = Assert.Single(trace, s => s.DisplayName == "registry.write.lock_wait");
        Assert.Equal(write.SpanId, lockWait.ParentSpanId);
        var transaction = Assert.Single(trace, s => s.DisplayName == "registry.write.transaction");
        Assert.Equal(write.SpanId, transaction.ParentSpanId);
        var insideTransaction = trace.Where(s => s.ParentSpanId == transaction.SpanId && s.GetTagItem("db.system.name") is not null).ToList();
        Assert.Contains(insideTransaction, s => s.DisplayName == "INSERT" && s.GetTagItem("db.query.text") is string sql && sql.Contains("AuditEvents", StringComparison.Ordinal));
        Assert.All(trace.Where(s => s.GetTagItem("db.system.name") is not null), s => Assert.Equal(ActivityKind.Client, s.Kind));
        // Every span of the request lies within it.
        Assert.All(trace, s => Assert.True(s.StartTimeUtc >= request.StartTimeUtc && s.StartTimeUtc + s.Duration <= request.StartTimeUtc + request.Duration));
    }

    private async Task<Activity> SpanAsync(Func<Activity, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            if (factory.Snapshot().FirstOrDefault(match) is { } span)
                return span;
            Assert.True(DateTime.UtcNow < deadline, "The span was not exported.");
            await Task.Delay(50);
        }
    }

    // The server span ends after the response is sent, so it may be exported a moment after the client has the answer.
    private async Task<List<Activity>> TraceAsync(ActivityTraceId traceId, Func<Activity, bool> last)
    {
        await SpanAsync(s => s.TraceId == traceId && last(s));
        return factory.Snapshot().Where(s => s.TraceId == traceId).ToList();
    }
}
