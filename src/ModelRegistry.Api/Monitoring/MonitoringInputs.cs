using GraphQL.Types;
using ModelRegistry.Api.Common;

namespace ModelRegistry.Api.Monitoring;

/// <summary>One feature of <c>setBaselineProfile</c>.</summary>
public sealed class FeatureProfileInput
{
    /// <summary>Feature name.</summary>
    public string Feature { get; set; } = "";
    /// <summary>Upper bucket edges; null for a categorical feature.</summary>
    public List<double>? BucketEdges { get; set; }
    /// <summary>Categories of a categorical feature.</summary>
    public List<string>? Categories { get; set; }
    /// <summary>Per-bin or per-category counts.</summary>
    public List<double> Counts { get; set; } = [];
}

/// <summary>The <c>FeatureProfileInput</c> type.</summary>
public sealed class FeatureProfileInputType : InputObjectGraphType<FeatureProfileInput>
{
    /// <summary>Declares the fields.</summary>
    public FeatureProfileInputType()
    {
        Name = "FeatureProfileInput";
        Field(x => x.Feature);
        Field<ListGraphType<NonNullGraphType<FloatGraphType>>>("bucketEdges")
            .Description("Upper bucket edges (as Prometheus `le`), strictly increasing; omit for a categorical feature.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("categories")
            .Description("Categories of a categorical feature, aligned with `counts`.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FloatGraphType>>>>("counts")
            .Description("One more entry than `bucketEdges` (the last for +Inf), or one per category.");
    }
}

/// <summary>Arguments of <c>setBaselineProfile</c>.</summary>
public sealed class SetBaselineProfileInput : IMutationInput
{
    /// <summary>The version's ID.</summary>
    public string ModelVersionId { get; set; } = "";
    /// <summary>The features; replaces any earlier profile.</summary>
    public List<FeatureProfileInput> Features { get; set; } = [];
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>SetBaselineProfileInput</c> type.</summary>
public sealed class SetBaselineProfileInputType : InputObjectGraphType<SetBaselineProfileInput>
{
    /// <summary>Declares the fields.</summary>
    public SetBaselineProfileInputType()
    {
        Name = "SetBaselineProfileInput";
        Field<NonNullGraphType<IdGraphType>>("modelVersionId");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FeatureProfileInputType>>>>("features");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>A per-feature threshold override of <c>configureMonitoring</c>.</summary>
public sealed class FeatureThresholdInput
{
    /// <summary>Feature name.</summary>
    public string Feature { get; set; } = "";
    /// <summary>PSI from which the feature is WARNING.</summary>
    public double PsiWarning { get; set; }
    /// <summary>PSI from which the feature is DRIFTING.</summary>
    public double PsiDrift { get; set; }
}

/// <summary>The <c>FeatureThresholdInput</c> type.</summary>
public sealed class FeatureThresholdInputType : InputObjectGraphType<FeatureThresholdInput>
{
    /// <summary>Declares the fields.</summary>
    public FeatureThresholdInputType()
    {
        Name = "FeatureThresholdInput";
        Field(x => x.Feature);
        Field(x => x.PsiWarning);
        Field(x => x.PsiDrift);
    }
}

/// <summary>Arguments of <c>configureMonitoring</c>.</summary>
public sealed class ConfigureMonitoringInput : IMutationInput
{
    /// <summary>The deployment's ID.</summary>
    public string DeploymentId { get; set; } = "";
    /// <summary>Prometheus base URL.</summary>
    public string PrometheusUrl { get; set; } = "";
    /// <summary>Label matchers without braces.</summary>
    public string Selector { get; set; } = "";
    /// <summary>Histogram metric name.</summary>
    public string FeatureHistogramMetric { get; set; } = "";
    /// <summary>Window duration.</summary>
    public string Window { get; set; } = "1h";
    /// <summary>Warning threshold.</summary>
    public double PsiWarning { get; set; } = 0.1;
    /// <summary>Drift threshold.</summary>
    public double PsiDrift { get; set; } = 0.25;
    /// <summary>Healthy windows before an alert resolves itself.</summary>
    public int HealthyWindowsToResolve { get; set; } = 3;
    /// <summary>Per-feature overrides.</summary>
    public List<FeatureThresholdInput>? FeatureThresholds { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>ConfigureMonitoringInput</c> type.</summary>
public sealed class ConfigureMonitoringInputType : InputObjectGraphType<ConfigureMonitoringInput>
{
    /// <summary>Declares the fields.</summary>
    public ConfigureMonitoringInputType()
    {
        Name = "ConfigureMonitoringInput";
        Field<NonNullGraphType<IdGraphType>>("deploymentId");
        Field(x => x.PrometheusUrl);
        Field(x => x.Selector).Description("Label matchers without braces, e.g. deployment=\"fraud-prod\".");
        Field(x => x.FeatureHistogramMetric).Description("The job reads `<metric>_bucket{<selector>, feature=\"<name>\", le=\"<edge>\"}` counters.");
        Field<StringGraphType>("window").DefaultValue("1h").Description("A Prometheus duration: 5m, 1h, 1d …");
        Field<FloatGraphType>("psiWarning").DefaultValue(0.1);
        Field<FloatGraphType>("psiDrift").DefaultValue(0.25);
        Field<IntGraphType>("healthyWindowsToResolve").DefaultValue(3)
            .Description("Healthy windows in a row after which an alert resolves itself.");
        Field<ListGraphType<NonNullGraphType<FeatureThresholdInputType>>>("featureThresholds");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>Arguments of <c>runMonitoringNow</c>.</summary>
public sealed class RunMonitoringNowInput : IMutationInput
{
    /// <summary>The deployment's ID.</summary>
    public string DeploymentId { get; set; } = "";
    /// <summary>The window end to evaluate; the current step when absent.</summary>
    public DateTime? WindowEnd { get; set; }
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>RunMonitoringNowInput</c> type.</summary>
public sealed class RunMonitoringNowInputType : InputObjectGraphType<RunMonitoringNowInput>
{
    /// <summary>Declares the fields.</summary>
    public RunMonitoringNowInputType()
    {
        Name = "RunMonitoringNowInput";
        Field<NonNullGraphType<IdGraphType>>("deploymentId");
        Field<DateTimeGraphType>("windowEnd").Description("Re-evaluates a past window; defaults to the end of the latest complete window.");
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records.");
    }
}

/// <summary>Arguments of <c>acknowledgeDriftAlert</c>.</summary>
public sealed class AcknowledgeDriftAlertInput : IMutationInput
{
    /// <summary>The alert's ID.</summary>
    public string AlertId { get; set; } = "";
    /// <summary>Why.</summary>
    public string Comment { get; set; } = "";
    /// <summary>Why, for the audit trail.</summary>
    public string? Reason { get; set; }
}

/// <summary>The <c>AcknowledgeDriftAlertInput</c> type.</summary>
public sealed class AcknowledgeDriftAlertInputType : InputObjectGraphType<AcknowledgeDriftAlertInput>
{
    /// <summary>Declares the fields.</summary>
    public AcknowledgeDriftAlertInputType()
    {
        Name = "AcknowledgeDriftAlertInput";
        Field<NonNullGraphType<IdGraphType>>("alertId");
        Field(x => x.Comment);
        Field(x => x.Reason, nullable: true).Description("Why, for the audit trail: chained as the reason of every event this mutation records. Defaults to the comment.");
    }
}
