using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Versions;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Promotions;

/// <summary>Applies a stage change already allowed by the stage machine: history row and STAGE_CHANGED event.</summary>
public static class StageChange
{
    /// <summary>Moves the version, records the transition and queues the event.</summary>
    public static void Apply(WriteScope w, ModelVersion version, ModelStage to, string reason, long? promotionRequestId)
    {
        var from = version.Stage;
        version.Stage = to;
        w.Db.StageTransitions.Add(new StageTransition { ModelVersionId = version.Id, From = from, To = to, At = w.Now, By = w.Actor, Reason = reason });
        w.Audit(EventTypes.StageChanged, nameof(ModelVersion), version.Id, version.ModelId,
            new
            {
                model = version.Model?.Name,
                version = version.Number,
                from = StageMachine.Name(from),
                to = StageMachine.Name(to),
                promotionRequestId,
            },
            reason);
    }
}
