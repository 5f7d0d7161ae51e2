using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Deployments;

/// <summary>Input of <see cref="UpdateDeploymentStatus"/>.</summary>
public sealed record UpdateDeploymentStatusCommand(long DeploymentId, DeploymentStatus Status, int? TrafficPercent, string? Reason);

/// <summary>
/// Moves a deployment through PENDING → ACTIVE → DRAINING → RETIRED (or FAILED); RETIRED is final. Becoming ACTIVE or
/// gaining traffic needs the environment's <see cref="DeploymentPolicy"/> to allow the version's stage; winding down
/// never does. Retiring closes the deployment's DEPLOYED_AS and CONSUMED_BY edges in the same transaction.
/// </summary>
public sealed class UpdateDeploymentStatus(RegistryWriter writer)
{
    private static readonly Dictionary<DeploymentStatus, DeploymentStatus[]> Allowed = new()
    {
        [DeploymentStatus.Pending] = [DeploymentStatus.Active, DeploymentStatus.Failed, DeploymentStatus.Retired],
        [DeploymentStatus.Active] = [DeploymentStatus.Draining, DeploymentStatus.Failed, DeploymentStatus.Retired],
        [DeploymentStatus.Draining] = [DeploymentStatus.Active, DeploymentStatus.Failed, DeploymentStatus.Retired],
        [DeploymentStatus.Failed] = [DeploymentStatus.Active, DeploymentStatus.Retired],
        [DeploymentStatus.Retired] = [],
    };

    /// <summary>Runs the use case.</summary>
    public Task<Result<Deployment>> ExecuteAsync(UpdateDeploymentStatusCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Deployment>(async w =>
        {
            var deployment = await w.Db.Deployments.Include(d => d.ModelVersion).ThenInclude(v => v!.Model).FirstOrDefaultAsync(d => d.Id == command.DeploymentId, cancellationToken);
            var notFound = DomainError.NotFound("The deployment", "id");
            if (deployment is null)
                return notFound;
            if (await w.RequireAsync(Role.Deployer, AccessScope.Of(deployment.ModelVersion!.Model!), "change deployments of this model", notFound, cancellationToken) is { } denied)
                return denied;
            w.Concerns(nameof(Deployment), deployment.Id, deployment.ModelVersion.ModelId);
            if (command.TrafficPercent is < 0 or > 100)
                return DomainError.Invalid("'trafficPercent' must be between 0 and 100.", "trafficPercent");
            var from = deployment.Status;
            if (from != command.Status && !Allowed[from].Contains(command.Status))
                return new DomainError(ErrorCodes.InvalidTransition,
                    $"A {Name(from)} deployment cannot become {Name(command.Status)}.", "status");
            if (from == command.Status && (command.TrafficPercent is null || command.TrafficPercent == deployment.TrafficPercent))
                return new DomainError(ErrorCodes.InvalidTransition, $"The deployment is already {Name(from)}.", "status");

            if (await PolicyRefusalAsync(w, deployment, command, cancellationToken) is { } violation)
                return violation;

            var trafficBefore = deployment.TrafficPercent;
            deployment.Status = command.Status;
            deployment.TrafficPercent = command.Status == DeploymentStatus.Retired ? 0 : command.TrafficPercent ?? deployment.TrafficPercent;
            w.Audit(EventTypes.DeploymentUpdated, nameof(Deployment), deployment.Id, deployment.ModelVersion!.ModelId,
                new DeploymentUpdated(Name(from), Name(command.Status), deployment.TrafficPercent, deployment.Environment, new TrafficBefore(trafficBefore)), command.Reason);
            if (command.Status == DeploymentStatus.Retired)
            {
                deployment.RetiredAt = w.Now;
                await CloseEdgesAsync(w, deployment, command.Reason, cancellationToken);
            }
            return deployment;
        }, cancellationToken);

    // Only a change that puts the version in front of traffic is judged; draining, retiring and failing are always allowed.
    private static async Task<DomainError?> PolicyRefusalAsync(WriteScope w, Deployment deployment, UpdateDeploymentStatusCommand command, CancellationToken ct)
    {
        var becomesActive = command.Status == DeploymentStatus.Active && deployment.Status != DeploymentStatus.Active;
        var raisesTraffic = command.TrafficPercent > (deployment.TrafficPercent ?? 0) && DeploymentCompliance.Live.Contains(command.Status);
        if (!becomesActive && !raisesTraffic)
            return null;
        var version = deployment.ModelVersion!;
        var policy = await DeploymentPolicy.ForAsync(w.Db, version.Model!, deployment.Environment, ct);
        return DeploymentPolicy.Check(policy, version, becomesActive ? "status" : "trafficPercent");
    }

    // A retired deployment serves no one: its lineage ends now, so impact analysis and reports stop naming its consumers.
    // FAILED keeps its edges, because a failed deployment may come back ACTIVE and its consumers are the ones affected.
    private static async Task CloseEdgesAsync(WriteScope w, Deployment deployment, string? reason, CancellationToken ct)
    {
        var edges = await w.Db.LineageEdges.Where(e => e.ValidTo == null
                && ((e.Relation == LineageRelation.DeployedAs && e.TargetKind == LineageNodeKind.Deployment && e.TargetId == deployment.Id)
                    || (e.Relation == LineageRelation.ConsumedBy && e.SourceKind == LineageNodeKind.Deployment && e.SourceId == deployment.Id)))
            .OrderBy(e => e.Id).ToListAsync(ct);
        foreach (var edge in edges)
        {
            edge.ValidTo = w.Now;
            w.Audit(EventTypes.LineageEdgeClosed, nameof(LineageEdge), edge.Id, deployment.ModelVersion!.ModelId,
                new LineageEdgeClosed(LineageRules.Name(edge.Relation), edge.ValidTo, LineageRules.End(edge.SourceKind, edge.SourceId), LineageRules.End(edge.TargetKind, edge.TargetId)),
                reason ?? "The deployment was retired.");
        }
    }

    private static string Name(DeploymentStatus status) => status.ToString().ToUpperInvariant();
}
