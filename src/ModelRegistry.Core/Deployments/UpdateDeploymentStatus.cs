using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Deployments;

/// <summary>Input of <see cref="UpdateDeploymentStatus"/>.</summary>
public sealed record UpdateDeploymentStatusCommand(long DeploymentId, DeploymentStatus Status, int? TrafficPercent, string? Reason);

/// <summary>Moves a deployment through PENDING → ACTIVE → DRAINING → RETIRED (or FAILED); RETIRED is final.</summary>
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
            if (command.TrafficPercent is < 0 or > 100)
                return DomainError.Invalid("'trafficPercent' must be between 0 and 100.", "trafficPercent");
            var from = deployment.Status;
            if (from != command.Status && !Allowed[from].Contains(command.Status))
                return new DomainError(ErrorCodes.InvalidTransition,
                    $"A {Name(from)} deployment cannot become {Name(command.Status)}.", "status");
            if (from == command.Status && (command.TrafficPercent is null || command.TrafficPercent == deployment.TrafficPercent))
                return new DomainError(ErrorCodes.InvalidTransition, $"The deployment is already {Name(from)}.", "status");

            deployment.Status = command.Status;
            deployment.TrafficPercent = command.Status == DeploymentStatus.Retired ? 0 : command.TrafficPercent ?? deployment.TrafficPercent;
            if (command.Status == DeploymentStatus.Retired)
                deployment.RetiredAt = w.Now;
            w.Audit(EventTypes.DeploymentUpdated, nameof(Deployment), deployment.Id, deployment.ModelVersion!.ModelId,
                new { from = Name(from), to = Name(command.Status), deployment.TrafficPercent, deployment.Environment }, command.Reason);
            return deployment;
        }, cancellationToken);

    private static string Name(DeploymentStatus status) => status.ToString().ToUpperInvariant();
}
