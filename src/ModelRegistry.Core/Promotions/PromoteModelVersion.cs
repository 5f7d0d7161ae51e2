using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Promotions;

/// <summary>Input of <see cref="PromoteModelVersion"/>.</summary>
public sealed record PromoteModelVersionCommand(long ModelVersionId, ModelStage TargetStage, string Reason);

/// <summary>The outcome of a promotion: the request and the version as it now stands.</summary>
public sealed record PromotionOutcome(PromotionRequest Request, ModelVersion Version);

/// <summary>
/// Requests a stage change under the target stage's <see cref="PromotionPolicy"/>: its checks must pass; with no
/// approvals needed it is APPLIED in the same transaction, otherwise it waits (PENDING) for approvers.
/// </summary>
public sealed class PromoteModelVersion(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<PromotionOutcome>> ExecuteAsync(PromoteModelVersionCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<PromotionOutcome>(async w =>
        {
            var loaded = await w.VersionForAsync(command.ModelVersionId, Role.Contributor, "request promotions of this model", cancellationToken);
            if (loaded.Error is { } refused)
                return refused;
            var version = loaded.Value!;
            var error = Rules.First(
                Rules.CheckRequired(command.Reason, "reason", Rules.MaxTextLength),
                StageMachine.Check(version.Stage, command.TargetStage));
            if (error is not null)
                return error;
            if (await w.Db.PromotionRequests.AnyAsync(r => r.ModelVersionId == version.Id && r.Status == PromotionStatus.Pending, cancellationToken))
                return DomainError.Invalid("This version already has a pending promotion request; decide or cancel it first.", "modelVersionId");
            var policy = await PromotionPolicy.ForAsync(w.Db, version.Model!, command.TargetStage, cancellationToken);
            if (await PromotionPolicy.CheckAsync(w.Db, policy, version, cancellationToken) is { } failed)
                return failed;

            var applyNow = policy.RequiredApprovals == 0;
            var request = new PromotionRequest
            {
                ModelVersionId = version.Id, TargetStage = command.TargetStage,
                Status = applyNow ? PromotionStatus.Applied : PromotionStatus.Pending,
                RequestedBy = w.Actor, RequestedAt = w.Now, Reason = command.Reason,
            };
            w.Db.PromotionRequests.Add(request);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.PromotionRequested, nameof(PromotionRequest), request.Id, version.ModelId,
                new PromotionRequested(version.Model!.Name, version.Number, StageMachine.Name(command.TargetStage),
                    request.Status.ToString().ToUpperInvariant(), policy.RequiredApprovals),
                command.Reason);
            if (applyNow)
                await StageChange.ApplyAsync(w, version, command.TargetStage, command.Reason, request.Id, cancellationToken);
            return new PromotionOutcome(request, version);
        }, cancellationToken);
}
