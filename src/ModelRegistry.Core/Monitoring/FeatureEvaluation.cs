namespace ModelRegistry.Core.Monitoring;

/// <summary>Judges one feature of one window: reads the live answer against the baseline, computes the statistics, applies thresholds.</summary>
public static class FeatureEvaluation
{
    /// <summary>
    /// The feature's result. <paramref name="samples"/> null means it was not read. Any unusable reading (no data, NaN, edge
    /// mismatch) gives UNKNOWN with the reason and no numbers. Otherwise PSI decides: ≥ drift → DRIFTING, ≥ warning → WARNING.
    /// </summary>
    public static FeatureDrift Evaluate(FeatureBaseline baseline, IReadOnlyList<LiveSample>? samples, double psiWarning, double psiDrift)
    {
        if (samples is null)
            return Unknown(baseline.Feature, "No data: the feature was not read in this run (its baseline changed meanwhile).");
        var reading = baseline.IsCategorical ? LiveReadings.FromCategories(samples) : LiveReadings.FromCumulative(samples, baseline.BucketEdges!);
        if (reading.Problem is not null)
            return Unknown(baseline.Feature, reading.Problem);
        var measures = baseline.IsCategorical
            ? DriftStatistics.Categorical(BaselineCategories(baseline), reading.Categories!)
            : DriftStatistics.Numeric(baseline.BucketEdges!, baseline.Counts, reading.Counts!);
        if (measures is null)
            return Unknown(baseline.Feature, "No data: no observations on one side.");
        var status = measures.Psi >= psiDrift ? DriftStatus.Drifting : measures.Psi >= psiWarning ? DriftStatus.Warning : DriftStatus.None;
        return new FeatureDrift(baseline.Feature, measures.Psi, measures.JensenShannon, measures.Ks, measures.Wasserstein, status, null);
    }

    private static Dictionary<string, double> BaselineCategories(FeatureBaseline baseline)
        => baseline.Categories!.Select((c, i) => (c, baseline.Counts[i])).ToDictionary(x => x.c, x => x.Item2, StringComparer.Ordinal);

    private static FeatureDrift Unknown(string feature, string reason) => new(feature, null, null, null, null, DriftStatus.Unknown, reason);
}
