using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Governance;

/// <summary>
/// A configured deployment policy for one environment at a scope ("global", "team:&lt;owner&gt;", "model:&lt;name&gt;"):
/// the stages a version must be in to be deployed or to receive traffic there. The most specific rule wins, and
/// environments without a rule use <see cref="DeploymentPolicy.Default"/>.
/// </summary>
public class DeploymentPolicyRule
{
    /// <summary>Database key; 0 for a built-in default, which is never stored.</summary>
    public long Id { get; set; }
    /// <summary>Where the rule applies.</summary>
    public string Scope { get; set; } = AccessScope.Global;
    /// <summary>The environment it governs.</summary>
    public string Environment { get; set; } = "";
    /// <summary>The stages allowed to serve; empty allows any live stage (never ARCHIVED).</summary>
    public List<ModelStage> AllowedStages { get; set; } = [];
    /// <summary>When last set (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
    /// <summary>Who last set it.</summary>
    public string UpdatedBy { get; set; } = "";
}
