using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Monitoring;

/// <summary>Input of <see cref="AcknowledgeDriftAlert"/>.</summary>
public sealed record AcknowledgeDriftAlertCommand(long AlertId, string? Comment);

/// <summary>Takes an OPEN alert to ACKNOWLEDGED with who and why; DEPLOYERs and APPROVERs of the model may.</summary>
public sealed class AcknowledgeDriftAlert(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<DriftAlert>> ExecuteAsync(AcknowledgeDriftAlertCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<DriftAlert>(async w =>
        {
            var alert = await w.Db.DriftAlerts.FirstOrDefaultAsync(a => a.Id == command.AlertId, cancellationToken);
            var model = alert is null ? null : await w.Db.Models.FirstOrDefaultAsync(m => m.Id == alert.ModelId, cancellationToken);
            var notFound = DomainError.NotFound("The drift alert", "alertId");
            if (alert is null || model is null)
                return notFound;
            var scope = AccessScope.Of(model);
            if (!await w.Access.HasAsync(Role.Approver, scope, cancellationToken)
                && await w.RequireAsync(Role.Deployer, scope, "acknowledge drift alerts of this model (DEPLOYER or APPROVER)", notFound, cancellationToken) is { } denied)
                return denied;
            if (Rules.CheckRequired(command.Comment?.Trim(), "comment", Rules.MaxTextLength) is { } error)
                return error;
            if (alert.Status != DriftAlertStatus.Open)
                return new DomainError(ErrorCodes.InvalidTransition,
                    $"An {alert.Status.ToString().ToUpperInvariant()} alert cannot be acknowledged; only OPEN alerts can.", "alertId");

            alert.Status = DriftAlertStatus.Acknowledged;
            alert.AcknowledgedBy = w.Actor;
            alert.AcknowledgedAt = w.Now;
            alert.AcknowledgeComment = command.Comment!.Trim();
            w.Audit(EventTypes.DriftAlertAcknowledged, nameof(DriftAlert), alert.Id, alert.ModelId,
                new DriftAlertAcknowledged(alert.Feature, alert.DeploymentId), w.StatedReason ?? alert.AcknowledgeComment);
            return alert;
        }, cancellationToken);
}
