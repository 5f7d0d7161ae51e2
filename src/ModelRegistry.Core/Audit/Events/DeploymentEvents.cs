using System.Text.Json.Serialization;
using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Core.Audit.Events;

/// <summary>
/// DEPLOYMENT_RECORDED. A deployment starts ACTIVE. The version's key and the edges created are absent from payloads
/// chained before events carried the governed state.
/// </summary>
public sealed record DeploymentRecorded(
    string Model, int Version, string Environment, string? Endpoint, string? Platform, int? TrafficPercent, IReadOnlyList<string> Consumers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ModelVersionId = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ChainedEdge>? Edges = null) : IChainedEvent;

/// <summary>
/// DEPLOYMENT_UPDATED: the status before (<see cref="From"/>) and after (<see cref="To"/>), the traffic after and, since
/// events carry old values, before.
/// </summary>
public sealed record DeploymentUpdated(
    string? From, string? To, int? TrafficPercent, string? Environment,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TrafficBefore? Previous = null) : IChainedEvent;

/// <summary>The traffic share before a change; null when none was set.</summary>
public sealed record TrafficBefore(int? TrafficPercent);

/// <summary>DEPLOYMENT_COMPLIANT and DEPLOYMENT_NON_COMPLIANT: the issue found (null once compliant again).</summary>
public sealed record DeploymentComplianceChanged(string Model, int Version, string Environment, string Stage, string Status, string? Issue) : IChainedEvent;

/// <summary>MONITORING_CONFIGURED: the whole binding after the change.</summary>
public sealed record MonitoringConfigured(
    string PrometheusUrl, string Selector, string FeatureHistogramMetric, string Window, double PsiWarning, double PsiDrift,
    int HealthyWindowsToResolve, IReadOnlyList<FeatureThreshold> FeatureThresholds) : IChainedEvent;

/// <summary>DRIFT_DETECTED.</summary>
public sealed record DriftDetected(
    long DeploymentId, long ModelVersionId, string Environment, string Feature, string Metric, double Value, double Threshold,
    DateTime WindowEnd, IReadOnlyList<string> Consumers) : IChainedEvent;

/// <summary>DRIFT_ALERT_ACKNOWLEDGED.</summary>
public sealed record DriftAlertAcknowledged(string Feature, long DeploymentId) : IChainedEvent;

/// <summary>DRIFT_ALERT_RESOLVED.</summary>
public sealed record DriftAlertResolved(string Feature, int HealthyWindows, DateTime WindowEnd) : IChainedEvent;
