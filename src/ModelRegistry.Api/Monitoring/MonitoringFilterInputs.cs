using ModelRegistry.Api.Common;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.GraphQL.Filtering;
using ModelRegistry.GraphQL.Sorting;

namespace ModelRegistry.Api.Monitoring;

/// <summary><c>MonitoringWindowFilterInput</c>: the <c>where</c> of a deployment's windows.</summary>
public sealed class MonitoringWindowFilterInput : FilterInputType<MonitoringWindow>
{
    /// <summary>Declares the filterable fields of a window.</summary>
    public MonitoringWindowFilterInput()
    {
        Name = "MonitoringWindowFilterInput";
        Id(w => w.Id, NodeTypes.MonitoringWindow);
        Filter(w => w.Status);
        Filter(w => w.WindowStart);
        Filter(w => w.WindowEnd);
        Filter(w => w.EvaluatedAt);
        Filter(w => w.SourceUnavailable);
    }
}

/// <summary><c>MonitoringWindowSortInput</c>: one key of a window ordering.</summary>
public sealed class MonitoringWindowSortInput : SortInputType<MonitoringWindow>
{
    /// <summary>Declares the sortable fields; statuses sort in the contract's order (UNKNOWN, NONE, WARNING, DRIFTING).</summary>
    public MonitoringWindowSortInput()
    {
        Name = "MonitoringWindowSortInput";
        Sort(w => w.Id);
        Sort(w => w.WindowEnd);
        Sort(w => w.WindowStart);
        Sort(w => w.EvaluatedAt);
        Sort(EnumSortKey.Rank<MonitoringWindow, DriftStatus>(w => w.Status), "status");
    }
}

/// <summary><c>DriftAlertFilterInput</c>: the <c>where</c> of drift alert lists.</summary>
public sealed class DriftAlertFilterInput : FilterInputType<DriftAlert>
{
    /// <summary>Declares the filterable fields of an alert.</summary>
    public DriftAlertFilterInput()
    {
        Name = "DriftAlertFilterInput";
        Id(a => a.Id, NodeTypes.DriftAlert);
        Id(a => a.DeploymentId, NodeTypes.Deployment, "deploymentId");
        Id(a => a.ModelVersionId, NodeTypes.ModelVersion, "modelVersionId");
        Id(a => a.ModelId, NodeTypes.Model, "modelId");
        Filter(a => a.Feature);
        Filter(a => a.Metric);
        Filter(a => a.Value);
        Filter(a => a.Status);
        Filter(a => a.DetectedAt);
        Filter(a => a.AcknowledgedBy);
        Filter(a => a.ResolvedAt);
    }
}

/// <summary><c>DriftAlertSortInput</c>: one key of an alert ordering.</summary>
public sealed class DriftAlertSortInput : SortInputType<DriftAlert>
{
    /// <summary>Declares the sortable fields; statuses sort OPEN, ACKNOWLEDGED, RESOLVED.</summary>
    public DriftAlertSortInput()
    {
        Name = "DriftAlertSortInput";
        Sort(a => a.Id);
        Sort(a => a.DetectedAt);
        Sort(a => a.Feature);
        Sort(a => a.Value);
        Sort(EnumSortKey.Rank<DriftAlert, DriftAlertStatus>(a => a.Status), "status");
    }
}
