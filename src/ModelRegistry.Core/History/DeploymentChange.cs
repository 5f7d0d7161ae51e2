using ModelRegistry.Core.Deployments;

namespace ModelRegistry.Core.History;

/// <summary>One entry of a deployment's history: its recording, or a change of its status or traffic.</summary>
/// <param name="Sequence">The audit event that recorded the change.</param>
/// <param name="At">When (UTC).</param>
/// <param name="By">Who.</param>
/// <param name="Reason">Why, when given.</param>
/// <param name="From">Status before; null for the recording itself.</param>
/// <param name="To">Status after.</param>
/// <param name="TrafficBefore">Traffic share before; null for the recording or when none was set.</param>
/// <param name="TrafficPercent">Traffic share after; null when none was set.</param>
public sealed record DeploymentChange(
    long Sequence, DateTime At, string By, string? Reason, DeploymentStatus? From, DeploymentStatus To, int? TrafficBefore, int? TrafficPercent);
