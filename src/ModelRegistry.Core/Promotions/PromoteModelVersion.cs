using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Promotions;

/// <summary>Input of <see cref="PromoteModelVersion"/>.</summary>
public sealed record PromoteModelVersionCommand(long ModelVersionId, ModelStage TargetStage, string Reason);

/// <summary>The outcome of a promotion: the request and the version as it now stands.</summary>
public sealed record PromotionOutcome(PromotionRequest Request, ModelVersion Version);

/// <summary>
/// Requests a stage change. Every stage's policy is currently "apply at once", so the request is APPLIED in the same
/// transaction and the stage transition recorded; approval policies plug in here.
/// </summary>
public sealed class PromoteModelVersion(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<PromotionOutcome>> ExecuteAsync(PromoteModelVersionCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<PromotionOutcome>(async w =>
        {
            var version = await w.Db.ModelVersions.Include(v => v.Model).FirstOrDefaultAsync(v => v.Id == command.ModelVersionId, cancellationToken);
            if (version is null)
                return DomainError.NotFound("The model version", "modelVersionId");
            var error = Rules.First(
                Rules.CheckRequired(command.Reason, "reason", Rules.MaxTextLength),
                StageMachine.Check(version.Stage, command.TargetStage));
            if (error is not null)
                return error;

            var request = new PromotionRequest
            {
                ModelVersionId = version.Id, TargetStage = command.TargetStage, Status = PromotionStatus.Applied,
                RequestedBy = w.Actor, RequestedAt = w.Now, Reason = command.Reason,
            };
            w.Db.PromotionRequests.Add(request);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.PromotionRequested, nameof(PromotionRequest), request.Id, version.ModelId,
                new { model = version.Model!.Name, version = version.Number, targetStage = StageMachine.Name(command.TargetStage), status = "APPLIED" },
                command.Reason);
            StageChange.Apply(w, version, command.TargetStage, command.Reason, request.Id);
            return new PromotionOutcome(request, version);
        }, cancellationToken);
}
