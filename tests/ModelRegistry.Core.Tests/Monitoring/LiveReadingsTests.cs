using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Core.Tests.Monitoring;

/// <summary>Cumulative Prometheus buckets into per-bin counts, and the answers that must not become numbers.</summary>
public sealed class LiveReadingsTests
{
    private static LiveSample S(string le, double v) => new(le, v);

    [Fact]
    public void Cumulative_buckets_in_any_order_become_per_bin_counts_including_the_inf_bin()
    {
        // le=1 → 10, le=2 → 30, +Inf → 35: bins 10, 20, 5
        var reading = LiveReadings.FromCumulative([S("+Inf", 35), S("2.0", 30), S("1", 10)], [1, 2]);

        Assert.Null(reading.Problem);
        Assert.Equal([10, 20, 5], reading.Counts!);
    }

    [Fact]
    public void Dips_and_negative_values_from_extrapolation_are_clamped_so_no_bin_is_negative()
    {
        // cumulative -1 → 0; 9.5 after 10 (a dip) stays 10; bins 0, 10, 0, 5
        var reading = LiveReadings.FromCumulative([S("0", -1), S("1", 10), S("2", 9.5), S("+Inf", 15)], [0, 1, 2]);

        Assert.Equal([0, 10, 0, 5], reading.Counts!);
    }

    [Fact]
    public void An_empty_answer_a_NaN_or_a_zero_total_is_no_data()
    {
        Assert.StartsWith("No data", LiveReadings.FromCumulative([], [1]).Problem);
        Assert.Contains("NaN", LiveReadings.FromCumulative([S("1", double.NaN), S("+Inf", 3)], [1]).Problem);
        Assert.StartsWith("No data", LiveReadings.FromCumulative([S("1", 0), S("+Inf", 0)], [1]).Problem);
    }

    [Fact]
    public void Buckets_other_than_the_baseline_edges_are_an_edge_mismatch_naming_both_layouts()
    {
        var shifted = LiveReadings.FromCumulative([S("1", 1), S("5", 2), S("+Inf", 3)], [1, 2]);
        var noInf = LiveReadings.FromCumulative([S("1", 1), S("2", 2)], [1, 2]);

        Assert.Equal("Edge mismatch: the baseline has le=[1, 2, +Inf] but the metrics source has le=[1, 5, +Inf].", shifted.Problem);
        Assert.StartsWith("Edge mismatch", noInf.Problem);
        Assert.Null(shifted.Counts);
    }

    [Fact]
    public void A_feature_with_mismatched_edges_is_UNKNOWN_with_the_reason_and_no_numbers()
    {
        var baseline = new FeatureBaseline { Feature = "age", BucketEdges = [1, 2], Counts = [1, 1, 1] };

        var drift = FeatureEvaluation.Evaluate(baseline, [S("1", 1), S("3", 2), S("+Inf", 3)], 0.1, 0.25);

        Assert.Equal(DriftStatus.Unknown, drift.Status);
        Assert.Null(drift.Psi);
        Assert.StartsWith("Edge mismatch", drift.Reason);
    }

    [Fact]
    public void A_feature_is_NONE_WARNING_or_DRIFTING_by_its_psi_against_the_thresholds()
    {
        var baseline = new FeatureBaseline { Feature = "x", BucketEdges = [1], Counts = [50, 50] };
        // live 25/75 → PSI 0.274653 (see DriftStatisticsTests)
        var live = new[] { S("1", 25), S("+Inf", 100) };

        Assert.Equal(DriftStatus.Drifting, FeatureEvaluation.Evaluate(baseline, live, 0.1, 0.25).Status);
        Assert.Equal(DriftStatus.Warning, FeatureEvaluation.Evaluate(baseline, live, 0.1, 0.3).Status);
        Assert.Equal(DriftStatus.None, FeatureEvaluation.Evaluate(baseline, live, 0.3, 0.4).Status);
    }

    [Fact]
    public void The_worst_status_ranks_DRIFTING_over_WARNING_over_UNKNOWN_over_NONE_and_nothing_is_UNKNOWN()
    {
        Assert.Equal(DriftStatus.Unknown, DriftSeverity.Worst([]));
        Assert.Equal(DriftStatus.Unknown, DriftSeverity.Worst([DriftStatus.None, DriftStatus.Unknown]));
        Assert.Equal(DriftStatus.Warning, DriftSeverity.Worst([DriftStatus.Unknown, DriftStatus.Warning, DriftStatus.None]));
        Assert.Equal(DriftStatus.Drifting, DriftSeverity.Worst([DriftStatus.Warning, DriftStatus.Drifting]));
    }

    [Theory]
    [InlineData("5m", 300)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d", 86400)]
    public void Prometheus_durations_parse_to_seconds(string text, int seconds)
    {
        Assert.True(PrometheusDuration.TryParse(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0m")]
    [InlineData("5 m")]
    [InlineData("1hour")]
    [InlineData("-5m")]
    public void Anything_else_is_not_a_duration(string text) => Assert.False(PrometheusDuration.TryParse(text, out _));

    [Fact]
    public void A_window_end_is_the_time_truncated_to_the_window_step()
        => Assert.Equal(new DateTime(2026, 1, 1, 10, 0, 0, DateTimeKind.Utc),
            PrometheusDuration.WindowEndAt(new DateTime(2026, 1, 1, 10, 59, 59, DateTimeKind.Utc), TimeSpan.FromHours(1)));
}
