using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Governance;

/// <summary>
/// A configured promotion policy for one target stage at a scope ("global", "team:&lt;owner&gt;", "model:&lt;name&gt;");
/// the most specific rule wins, and stages without a rule use <see cref="PromotionPolicy.Defaults"/>.
/// </summary>
public class PromotionPolicyRule
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }
    /// <summary>Where the rule applies.</summary>
    public string Scope { get; set; } = AccessScope.Global;
    /// <summary>The stage it governs.</summary>
    public ModelStage TargetStage { get; set; }
    /// <summary>Approvals needed before the change applies (0 applies at once).</summary>
    public int RequiredApprovals { get; set; }
    /// <summary>The version must have a live TRAINED_ON dataset edge.</summary>
    public bool RequireTrainingData { get; set; }
    /// <summary>A metric the version must report…</summary>
    public string? MetricName { get; set; }
    /// <summary>…at least at this value.</summary>
    public double? MetricMinimum { get; set; }
    /// <summary>When last set (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>Who last set it.</summary>
    public string UpdatedBy { get; set; } = "";
}
