using ModelRegistry.Core.Monitoring;

namespace ModelRegistry.Core.Tests.Monitoring;

/// <summary>PSI, Jensen–Shannon, KS and Wasserstein against values worked out by hand.</summary>
public sealed class DriftStatisticsTests
{
    private const double Precision = 1e-9;

    [Fact]
    public void Identical_distributions_give_zero_on_every_statistic()
    {
        var m = DriftStatistics.Numeric([1, 2, 3], [10, 20, 30, 40], [1, 2, 3, 4])!;

        Assert.Equal(0, m.Psi, Precision);
        Assert.Equal(0, m.JensenShannon, Precision);
        Assert.Equal(0, m.Ks!.Value, Precision);
        Assert.Equal(0, m.Wasserstein!.Value, Precision);
    }

    [Fact]
    public void Psi_of_a_half_half_baseline_against_a_quarter_three_quarters_live_is_worked_out_by_hand()
    {
        // p = [0.5, 0.5], q = [0.25, 0.75]
        // PSI = (0.25 − 0.5)·ln(0.25/0.5) + (0.75 − 0.5)·ln(0.75/0.5)
        //     = (−0.25)(−0.693147) + (0.25)(0.405465) = 0.173287 + 0.101366 = 0.274653
        var psi = DriftStatistics.Psi([0.5, 0.5], [0.25, 0.75]);

        Assert.Equal(0.25 * Math.Log(2) + 0.25 * Math.Log(1.5), psi, Precision);
        Assert.Equal(0.274653, psi, 1e-6);
    }

    [Fact]
    public void Psi_replaces_an_empty_bin_by_the_documented_share_and_two_empty_bins_cancel()
    {
        // p = [0.5, 0.5, 0], q = [0.5, 0, 0.5]; empty shares become ε = 1e-4.
        // bin 2: (ε − 0.5)·ln(ε/0.5) = (−0.4999)(ln 2e-4) = (−0.4999)(−8.517193) = 4.257745
        // bin 3: (0.5 − ε)·ln(0.5/ε) = 0.4999 · 8.517193 = 4.257745; total 8.515491
        var psi = DriftStatistics.Psi([0.5, 0.5, 0], [0.5, 0, 0.5]);
        Assert.Equal(2 * 0.4999 * Math.Log(0.5 / 1e-4), psi, Precision);

        Assert.Equal(0, DriftStatistics.Psi([0.5, 0.5, 0], [0.5, 0.5, 0]), Precision);
    }

    [Fact]
    public void Jensen_Shannon_of_disjoint_distributions_is_one_and_of_a_half_shift_is_worked_out_by_hand()
    {
        // Disjoint: m = [0.5, 0.5]; each KL = 1·log2(1/0.5) = 1 bit; JS = ½·1 + ½·1 = 1; distance = 1.
        Assert.Equal(1, DriftStatistics.JensenShannon([1, 0], [0, 1]), Precision);

        // p = [1, 0], q = [0.5, 0.5]: m = [0.75, 0.25]
        // KL(p‖m) = 1·log2(1/0.75) = 0.415037; KL(q‖m) = 0.5·log2(0.5/0.75) + 0.5·log2(0.5/0.25) = −0.292481 + 0.5 = 0.207519
        // JS = ½(0.415037 + 0.207519) = 0.311278; distance = √0.311278 = 0.557923
        Assert.Equal(0.557923, DriftStatistics.JensenShannon([1, 0], [0.5, 0.5]), 1e-6);
    }

    [Fact]
    public void Ks_is_the_largest_gap_between_the_cdfs_at_the_edges()
    {
        // CDFs: p → 0.2, 0.5, 1.0; q → 0.1, 0.2, 1.0; gaps 0.1, 0.3, 0 → KS = 0.3
        Assert.Equal(0.3, DriftStatistics.Ks([0.2, 0.3, 0.5], [0.1, 0.1, 0.8]), Precision);
    }

    [Fact]
    public void Wasserstein_integrates_the_cdf_gap_between_edges_and_divides_by_the_baseline_spread()
    {
        // Edges 0, 10, 20; p = [0, 0.5, 0.5, 0] (mass at 10 and 20), q = [0, 0, 0.5, 0.5] (mass at 20 and +Inf→20)
        // CDF gaps on [0,10): |0 − 0| = 0; on [10,20): |0.5 − 0| = 0.5 → W₁ = 0.5 · 10 = 5
        // Baseline: mean = 0.5·10 + 0.5·20 = 15; variance = 0.5·25 + 0.5·25 = 25; spread = 5 → normalised 5 / 5 = 1
        var w = DriftStatistics.Wasserstein([0, 10, 20], [0, 0.5, 0.5, 0], [0, 0, 0.5, 0.5]);

        Assert.Equal(1, w!.Value, Precision);
        Assert.Equal(5, DriftStatistics.Spread([0, 10, 20], [0, 0.5, 0.5, 0]), Precision);
    }

    [Fact]
    public void Wasserstein_is_null_with_a_single_edge_or_a_baseline_without_spread()
    {
        Assert.Null(DriftStatistics.Wasserstein([5], [0.5, 0.5], [0.2, 0.8]));
        Assert.Null(DriftStatistics.Wasserstein([0, 10], [0, 1, 0], [0, 0, 1]));
    }

    [Fact]
    public void Numeric_measures_are_null_when_a_side_has_no_observations()
        => Assert.Null(DriftStatistics.Numeric([1], [0, 0], [3, 4]));

    [Fact]
    public void Categorical_drift_compares_frequencies_over_the_union_of_categories()
    {
        // Baseline a:50 b:50; live a:25 b:75 → same shares as the half/quarter PSI case; "c" only live with 0 adds nothing.
        var m = DriftStatistics.Categorical(
            new Dictionary<string, double> { ["a"] = 50, ["b"] = 50 },
            new Dictionary<string, double> { ["b"] = 75, ["a"] = 25, ["c"] = 0 })!;

        Assert.Equal(0.274653, m.Psi, 1e-6);
        Assert.Null(m.Ks);
        Assert.Null(m.Wasserstein);
    }
}
