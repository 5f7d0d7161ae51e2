using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Deployments;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Promotions;

/// <summary>
/// Applies a stage change already allowed by the stage machine: history row, STAGE_CHANGED event, and the compliance
/// of the version's live deployments under their environments' deployment policies.
/// </summary>
public static class StageChange
{
    /// <summary>Moves the version (loaded with its model), records the transition and queues the events.</summary>
    public static async Task ApplyAsync(WriteScope w, ModelVersion version, ModelStage to, string reason, long? promotionRequestId, CancellationToken cancellationToken)
    {
        var from = version.Stage;
        version.Stage = to;
        version.UpdatedAt = w.Now;
        if (version.Model is { } model)
            model.UpdatedAt = w.Now;
        w.Db.StageTransitions.Add(new StageTransition { ModelVersionId = version.Id, From = from, To = to, At = w.Now, By = w.Actor, Reason = reason });
        w.Audit(EventTypes.StageChanged, nameof(ModelVersion), version.Id, version.ModelId,
            new StageChanged(version.Model?.Name, version.Number, StageMachine.Name(from), StageMachine.Name(to), promotionRequestId),
            reason);
        await DeploymentCompliance.ReassessVersionAsync(w, version, cancellationToken);
    }
}
