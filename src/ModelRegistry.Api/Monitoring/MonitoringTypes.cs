using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Deployments;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Monitoring;
using ModelRegistry.Core.Versions;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Monitoring;

/// <summary>The <c>DriftStatus</c> enum.</summary>
public sealed class DriftStatusType : EnumerationGraphType<DriftStatus>
{
    /// <summary>Names the enum.</summary>
    public DriftStatusType() => Name = "DriftStatus";
}

/// <summary>The <c>DriftAlertStatus</c> enum.</summary>
public sealed class DriftAlertStatusType : EnumerationGraphType<DriftAlertStatus>
{
    /// <summary>Names the enum.</summary>
    public DriftAlertStatusType() => Name = "DriftAlertStatus";
}

/// <summary>The <c>FeatureProfile</c> type: one feature of a baseline.</summary>
public sealed class FeatureProfileType : ObjectGraphType<FeatureBaseline>
{
    /// <summary>Declares the fields.</summary>
    public FeatureProfileType()
    {
        Name = "FeatureProfile";
        Field(f => f.Feature);
        Field<ListGraphType<NonNullGraphType<FloatGraphType>>>("bucketEdges")
            .Description("Upper bucket edges (Prometheus `le`); null for a categorical feature.").Resolve(c => c.Source.BucketEdges);
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("categories")
            .Description("Categories of a categorical feature, aligned with `counts`; null for a histogram.").Resolve(c => c.Source.Categories);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FloatGraphType>>>>("counts")
            .Description("Per-bin counts (one more than `bucketEdges`, the last for +Inf) or per-category counts.").Resolve(c => c.Source.Counts);
    }
}

/// <summary>The <c>FeatureThreshold</c> type.</summary>
public sealed class FeatureThresholdType : ObjectGraphType<FeatureThreshold>
{
    /// <summary>Declares the fields.</summary>
    public FeatureThresholdType()
    {
        Name = "FeatureThreshold";
        Field(t => t.Feature);
        Field(t => t.PsiWarning);
        Field(t => t.PsiDrift);
    }
}

/// <summary>The <c>MonitoringBinding</c> type.</summary>
public sealed class MonitoringBindingType : ObjectGraphType<MonitoringBinding>
{
    /// <summary>Declares the fields.</summary>
    public MonitoringBindingType()
    {
        Name = "MonitoringBinding";
        Field(b => b.PrometheusUrl);
        Field(b => b.Selector);
        Field(b => b.FeatureHistogramMetric);
        Field(b => b.Window);
        Field(b => b.PsiWarning);
        Field(b => b.PsiDrift);
        Field(b => b.HealthyWindowsToResolve).Description("Healthy windows in a row after which an alert resolves itself.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeatureThresholdType>>>>("featureThresholds").Bounded(SetBaselineProfile.MaxFeatures).Resolve(c => c.Source.FeatureThresholds);
        Field<NonNullGraphType<DateTimeGraphType>>("configuredAt").Resolve(c => c.Source.ConfiguredAt);
        Field(b => b.ConfiguredBy);
    }
}

/// <summary>The <c>FeatureDrift</c> type.</summary>
public sealed class FeatureDriftType : ObjectGraphType<FeatureDrift>
{
    /// <summary>Declares the fields.</summary>
    public FeatureDriftType()
    {
        Name = "FeatureDrift";
        Field(f => f.Feature);
        Field<FloatGraphType>("psi").Resolve(c => c.Source.Psi);
        Field<FloatGraphType>("jensenShannon").Resolve(c => c.Source.JensenShannon);
        Field<FloatGraphType>("ks").Resolve(c => c.Source.Ks);
        Field<FloatGraphType>("wasserstein").Description("Wasserstein-1 divided by the baseline's standard deviation.").Resolve(c => c.Source.Wasserstein);
        Field<NonNullGraphType<DriftStatusType>>("status").Resolve(c => c.Source.Status);
        Field<StringGraphType>("reason").Description("Why the feature is UNKNOWN (no data, NaN, edge mismatch, source unavailable).").Resolve(c => c.Source.Reason);
    }
}

/// <summary>The <c>MonitoringWindow</c> node.</summary>
public sealed class MonitoringWindowType : ObjectGraphType<MonitoringWindow>
{
    /// <summary>Declares the fields.</summary>
    public MonitoringWindowType()
    {
        Name = "MonitoringWindow";
        Interface<NodeInterfaceType>();
        Description = "One evaluated window of a deployment; unique per (deployment, windowEnd).";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.MonitoringWindow, c.Source.Id));
        Field<NonNullGraphType<DeploymentType>>("deployment").Resolve(c => c.LoadById<Deployment>(c.Source.DeploymentId));
        Field<NonNullGraphType<DateTimeGraphType>>("windowStart").Resolve(c => c.Source.WindowStart);
        Field<NonNullGraphType<DateTimeGraphType>>("windowEnd").Resolve(c => c.Source.WindowEnd);
        Field<NonNullGraphType<DriftStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeatureDriftType>>>>("features").Bounded(SetBaselineProfile.MaxFeatures).Resolve(c => c.Source.Features);
        Field<NonNullGraphType<DateTimeGraphType>>("evaluatedAt").Resolve(c => c.Source.EvaluatedAt);
        Field(w => w.SourceUnavailable).Description("True while the metrics source could not answer; a later successful run replaces the window.");
    }
}

/// <summary>The <c>DriftAlert</c> node.</summary>
public sealed class DriftAlertType : ObjectGraphType<DriftAlert>
{
    /// <summary>Declares the fields.</summary>
    public DriftAlertType()
    {
        Name = "DriftAlert";
        Interface<NodeInterfaceType>();
        Description = "A feature of a deployment crossed its drift threshold.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => GlobalId.Encode(NodeTypes.DriftAlert, c.Source.Id));
        Field<NonNullGraphType<ModelVersionType>>("modelVersion").Resolve(c => c.LoadById<ModelVersion>(c.Source.ModelVersionId));
        Field<NonNullGraphType<DeploymentType>>("deployment").Resolve(c => c.LoadById<Deployment>(c.Source.DeploymentId));
        Field(a => a.Feature);
        Field(a => a.Metric).Description("The statistic that crossed its threshold (psi).");
        Field(a => a.Value);
        Field(a => a.Threshold);
        Field<NonNullGraphType<DriftAlertStatusType>>("status").Resolve(c => c.Source.Status);
        Field<NonNullGraphType<DateTimeGraphType>>("detectedAt").Resolve(c => c.Source.DetectedAt);
        Field<NonNullGraphType<DateTimeGraphType>>("windowEnd").Resolve(c => c.Source.WindowEnd);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("consumers")
            .Description("Consumer applications reading the deployment when the drift was detected.").Resolve(c => c.Source.Consumers);
        Field(a => a.AcknowledgedBy, nullable: true);
        Field<DateTimeGraphType>("acknowledgedAt").Resolve(c => c.Source.AcknowledgedAt);
        Field<StringGraphType>("acknowledgeComment").Resolve(c => c.Source.AcknowledgeComment);
        Field<DateTimeGraphType>("resolvedAt").Resolve(c => c.Source.ResolvedAt);
    }
}

/// <summary><c>MonitoringWindowsConnection</c> / <c>MonitoringWindowsEdge</c>.</summary>
public sealed class MonitoringWindowsConnectionType() : ModelRegistry.GraphQL.Paging.ConnectionType<MonitoringWindowType>("MonitoringWindows");

/// <summary><c>DriftAlertsConnection</c> / <c>DriftAlertsEdge</c>.</summary>
public sealed class DriftAlertsConnectionType() : ModelRegistry.GraphQL.Paging.ConnectionType<DriftAlertType>("DriftAlerts");
