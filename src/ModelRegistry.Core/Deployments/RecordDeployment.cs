using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Lineage;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Deployments;

/// <summary>Input of <see cref="RecordDeployment"/>.</summary>
public sealed record RecordDeploymentCommand(
    long ModelVersionId, string Environment, string? Endpoint, string? Platform, int? TrafficPercent, IReadOnlyList<string>? Consumers);

/// <summary>
/// Records that a version serves (ACTIVE) in an environment, with DEPLOYED_AS and CONSUMED_BY lineage; the environment's
/// <see cref="DeploymentPolicy"/> must allow the version's stage.
/// </summary>
public sealed class RecordDeployment(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<Deployment>> ExecuteAsync(RecordDeploymentCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<Deployment>(async w =>
        {
            var loaded = await w.VersionForAsync(command.ModelVersionId, Role.Deployer, "record deployments of this model", cancellationToken);
            if (loaded.Error is { } refused)
                return refused;
            var version = loaded.Value!;
            var consumers = (command.Consumers ?? []).Select(c => c.Trim()).Distinct().ToList();
            var error = Rules.First(
                Rules.CheckName(command.Environment, "environment", "environment"),
                Rules.CheckOptional(command.Endpoint, "endpoint", 2000),
                Rules.CheckOptional(command.Platform, "platform", Rules.MaxNameLength),
                command.TrafficPercent is < 0 or > 100 ? DomainError.Invalid("'trafficPercent' must be between 0 and 100.", "trafficPercent") : null,
                consumers.Select(c => Rules.CheckName(c, "consumers", "consumer application")).FirstOrDefault(e => e is not null));
            if (error is not null)
                return error;
            var policy = await DeploymentPolicy.ForAsync(w.Db, version.Model!, command.Environment, cancellationToken);
            if (DeploymentPolicy.Check(policy, version, "modelVersionId") is { } violation)
                return violation;

            var deployment = new Deployment
            {
                ModelVersionId = version.Id, Environment = command.Environment, Endpoint = command.Endpoint, Platform = command.Platform,
                Status = DeploymentStatus.Active, TrafficPercent = command.TrafficPercent, DeployedAt = w.Now, DeployedBy = w.Actor,
            };
            w.Db.Deployments.Add(deployment);
            var applications = await ConsumersAsync(w, consumers, cancellationToken);
            await w.Db.SaveChangesAsync(cancellationToken);

            List<LineageEdge> edges =
            [
                Edge(w, LineageNodeKind.ModelVersion, version.Id, LineageNodeKind.Deployment, deployment.Id, LineageRelation.DeployedAs),
                .. applications.Select(a => Edge(w, LineageNodeKind.Deployment, deployment.Id, LineageNodeKind.ConsumerApplication, a.Id, LineageRelation.ConsumedBy)),
            ];
            w.Db.LineageEdges.AddRange(edges);
            // The edges' keys go into the event, so that the replay can vouch for each edge row.
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.DeploymentRecorded, nameof(Deployment), deployment.Id, version.ModelId,
                new DeploymentRecorded(version.Model!.Name, version.Number, deployment.Environment, deployment.Endpoint, deployment.Platform,
                    deployment.TrafficPercent, consumers, version.Id, [.. edges.Select(ChainedEdges.Of)]));
            return deployment;
        }, cancellationToken);

    private static async Task<List<ConsumerApplication>> ConsumersAsync(WriteScope w, List<string> names, CancellationToken cancellationToken)
    {
        var existing = await w.Db.ConsumerApplications.Where(a => names.Contains(a.Name)).ToListAsync(cancellationToken);
        foreach (var name in names.Except(existing.Select(a => a.Name)))
        {
            var application = new ConsumerApplication { Name = name, CreatedAt = w.Now };
            w.Db.ConsumerApplications.Add(application);
            existing.Add(application);
        }
        return existing;
    }

    private static LineageEdge Edge(WriteScope w, LineageNodeKind sourceKind, long sourceId, LineageNodeKind targetKind, long targetId, LineageRelation relation)
        => new()
        {
            SourceKind = sourceKind, SourceId = sourceId, TargetKind = targetKind, TargetId = targetId, Relation = relation,
            CreatedAt = w.Now, CreatedBy = w.Actor, ValidFrom = w.Now,
        };
}
