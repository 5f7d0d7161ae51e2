using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Deployments;

/// <summary>
/// Keeps each live deployment's compliance flag true to its environment's deployment policy. Demoting or archiving a
/// serving version is never refused (pulling a bad model is a safety action); instead its live deployments that the
/// policy no longer allows are marked non-compliant, with a DEPLOYMENT_NON_COMPLIANT event, in the same transaction.
/// </summary>
public static class DeploymentCompliance
{
    /// <summary>The statuses that serve, or are about to: only these are judged.</summary>
    public static readonly DeploymentStatus[] Live = [DeploymentStatus.Pending, DeploymentStatus.Active, DeploymentStatus.Draining];

    /// <summary>Re-judges the live deployments of a version whose stage just changed (the version carries its model).</summary>
    public static async Task ReassessVersionAsync(WriteScope w, ModelVersion version, CancellationToken cancellationToken)
    {
        var deployments = await w.Db.Deployments.Where(d => d.ModelVersionId == version.Id && Live.Contains(d.Status)).ToListAsync(cancellationToken);
        foreach (var deployment in deployments)
            await ReassessAsync(w, deployment, version, cancellationToken);
    }

    /// <summary>Re-judges the live deployments of an environment after its policy changed at some scope.</summary>
    public static async Task ReassessEnvironmentAsync(WriteScope w, string environment, CancellationToken cancellationToken)
    {
        var live = await w.Db.Deployments.Include(d => d.ModelVersion).ThenInclude(v => v!.Model)
            .Where(d => d.Environment == environment && Live.Contains(d.Status)).ToListAsync(cancellationToken);
        foreach (var deployment in live)
            await ReassessAsync(w, deployment, deployment.ModelVersion!, cancellationToken);
    }

    private static async Task ReassessAsync(WriteScope w, Deployment deployment, ModelVersion version, CancellationToken cancellationToken)
    {
        var rule = await DeploymentPolicy.ForAsync(w.Db, version.Model!, deployment.Environment, cancellationToken);
        var issue = DeploymentPolicy.Violation(rule, version);
        if ((issue is null) == (deployment.ComplianceIssue is null))
            return;
        deployment.ComplianceIssue = issue;
        deployment.NonCompliantSince = issue is null ? null : w.Now;
        w.Audit(issue is null ? EventTypes.DeploymentCompliant : EventTypes.DeploymentNonCompliant, nameof(Deployment), deployment.Id, version.ModelId,
            new DeploymentComplianceChanged(version.Model!.Name, version.Number, deployment.Environment, StageMachine.Name(version.Stage),
                deployment.Status.ToString().ToUpperInvariant(), issue),
            issue);
    }
}
