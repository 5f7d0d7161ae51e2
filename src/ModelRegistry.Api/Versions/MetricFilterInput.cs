using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Filtering;

namespace ModelRegistry.Api.Versions;

/// <summary><c>MetricFilterInput</c>: tests one metric of a version (inside <c>metrics: { some: … }</c>).</summary>
public sealed class MetricFilterInput : FilterInputType<Metric>
{
    /// <summary>Declares the filterable fields of a metric.</summary>
    public MetricFilterInput()
    {
        Name = "MetricFilterInput";
        Filter(m => m.Name);
        Filter(m => m.Value);
        Filter(m => m.Split);
    }
}
