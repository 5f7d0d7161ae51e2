using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Promotions;

/// <summary>Input of <see cref="DecidePromotion"/>: approve, reject or cancel one request.</summary>
public sealed record DecidePromotionCommand(long PromotionRequestId, PromotionDecision Decision, string? Comment);

/// <summary>What is decided.</summary>
public enum PromotionDecision
{
    /// <summary>An approver approves.</summary>
    Approve,
    /// <summary>An approver rejects.</summary>
    Reject,
    /// <summary>The requester (or an admin) withdraws.</summary>
    Cancel,
}

/// <summary>
/// Approves, rejects or cancels a PENDING promotion request. Approvers are APPROVERs on the model who are neither the
/// requester nor the version's creator (separation of duties). Once the policy's approvals are in, the change applies
/// in the same transaction. Decisions are serialised by the write path, so concurrent approvals never apply twice.
/// </summary>
public sealed class DecidePromotion(RegistryWriter writer)
{
    private static readonly DomainError NotFound = DomainError.NotFound("The promotion request", "promotionRequestId");

    /// <summary>Runs the use case.</summary>
    public Task<Result<PromotionRequest>> ExecuteAsync(DecidePromotionCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<PromotionRequest>(async w =>
        {
            var request = await w.Db.PromotionRequests.Include(r => r.Approvals).Include(r => r.ModelVersion).ThenInclude(v => v!.Model)
                .FirstOrDefaultAsync(r => r.Id == command.PromotionRequestId, cancellationToken);
            if (request is null)
                return NotFound;
            var version = request.ModelVersion!;
            w.Concerns(nameof(PromotionRequest), request.Id, version.ModelId);
            var scope = AccessScope.Of(version.Model!);
            var denied = command.Decision == PromotionDecision.Cancel
                ? await CheckCancellerAsync(w, request, scope, cancellationToken)
                : await CheckApproverAsync(w, request, version, scope, command, cancellationToken);
            if (denied is not null)
                return denied;

            return command.Decision switch
            {
                PromotionDecision.Approve => await ApproveAsync(w, request, version, command.Comment, cancellationToken),
                PromotionDecision.Reject => Close(w, request, PromotionStatus.Rejected, EventTypes.PromotionRejected, command.Comment, decision: false),
                _ => Close(w, request, PromotionStatus.Cancelled, EventTypes.PromotionCancelled, command.Comment, decision: null),
            };
        }, cancellationToken);

    private static async Task<DomainError?> CheckApproverAsync(
        WriteScope w, PromotionRequest request, ModelVersion version, AccessScope scope, DecidePromotionCommand command, CancellationToken ct)
    {
        var verb = command.Decision == PromotionDecision.Approve ? "approve" : "reject";
        if (await w.RequireAsync(Role.Approver, scope, $"{verb} promotions of this model", NotFound, ct) is { } denied)
            return denied;
        if (request.Status != PromotionStatus.Pending)
            return AlreadyDecided(request);
        if (w.Actor == request.RequestedBy || w.Actor == version.CreatedBy)
            return new DomainError(ErrorCodes.SelfApproval,
                $"{w.Actor} {(w.Actor == request.RequestedBy ? "requested this promotion" : "created this version")} and cannot {verb} it; another approver must decide.");
        if (request.Approvals.Any(a => a.By == w.Actor))
            return new DomainError(ErrorCodes.AlreadyDecided, $"{w.Actor} has already decided on this request.");
        if (command.Decision == PromotionDecision.Reject && string.IsNullOrWhiteSpace(command.Comment))
            return DomainError.Invalid("A rejection needs a comment saying why.", "comment");
        return Rules.CheckOptional(command.Comment, "comment");
    }

    private static async Task<DomainError?> CheckCancellerAsync(WriteScope w, PromotionRequest request, AccessScope scope, CancellationToken ct)
    {
        if (w.Actor != request.RequestedBy && await w.RequireAsync(Role.Admin, scope, "cancel another principal's promotion request", NotFound, ct) is { } denied)
            return denied;
        return request.Status != PromotionStatus.Pending ? AlreadyDecided(request) : null;
    }

    private static async Task<Result<PromotionRequest>> ApproveAsync(WriteScope w, PromotionRequest request, ModelVersion version, string? comment, CancellationToken ct)
    {
        Record(w, request, approved: true, comment);
        var policy = await PromotionPolicy.ForAsync(w.Db, version.Model!, request.TargetStage, ct);
        var approvals = request.Approvals.Count(a => a.Approved);
        w.Audit(EventTypes.PromotionApproved, nameof(PromotionRequest), request.Id, version.ModelId,
            new PromotionDecided(version.Model!.Name, version.Number, approvals, policy.RequiredApprovals,
                StageMachine.Name(request.TargetStage), ActorKind.Of(w.Access.Principal)), w.StatedReason ?? comment);
        if (approvals < policy.RequiredApprovals)
            return request;
        // The version may have moved since the request was made; the stage machine has the last word.
        if (StageMachine.Check(version.Stage, request.TargetStage) is { } invalid)
            return invalid;
        if (await PromotionPolicy.CheckAsync(w.Db, policy, version, ct) is { } failed)
            return failed;
        request.Status = PromotionStatus.Applied;
        await StageChange.ApplyAsync(w, version, request.TargetStage, request.Reason, request.Id, ct);
        return request;
    }

    private static PromotionRequest Close(WriteScope w, PromotionRequest request, PromotionStatus status, string eventType, string? comment, bool? decision)
    {
        if (decision is { } approved)
            Record(w, request, approved, comment);
        request.Status = status;
        var version = request.ModelVersion!;
        // A cancellation is the requester's own; only a decision has an approver whose kind counts.
        var payload = new PromotionDecided(version.Model!.Name, version.Number, TargetStage: StageMachine.Name(request.TargetStage),
            ApproverKind: decision is null ? null : ActorKind.Of(w.Access.Principal));
        w.Audit(eventType, nameof(PromotionRequest), request.Id, version.ModelId, payload, w.StatedReason ?? comment);
        return request;
    }

    private static void Record(WriteScope w, PromotionRequest request, bool approved, string? comment)
        => request.Approvals.Add(new ApprovalDecision { PromotionRequestId = request.Id, By = w.Actor, Approved = approved, Comment = comment, At = w.Now });

    private static DomainError AlreadyDecided(PromotionRequest request)
        => new(ErrorCodes.AlreadyDecided, $"The request is already {request.Status.ToString().ToUpperInvariant()}.");
}
