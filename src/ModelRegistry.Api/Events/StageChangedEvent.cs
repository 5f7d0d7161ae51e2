using GraphQL.Types;
using ModelRegistry.Api.Common;
using ModelRegistry.Api.Versions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Api.Events;

/// <summary>A version's stage change, read from a STAGE_CHANGED event of the log.</summary>
public sealed record StageChangedEvent(long Sequence, long ModelVersionId, long ModelId, ModelStage? From, ModelStage To, DateTime At, string By, string? Reason)
{
    /// <summary>Reads a STAGE_CHANGED event; null for any other event.</summary>
    public static StageChangedEvent? Read(AuditEvent e)
    {
        if (e.Type != EventTypes.StageChanged || e.ModelId is null)
            return null;
        if (ChainedEventJson.Read<StageChanged>(e) is not { } change || StageMachine.Parse(change.To) is not { } to)
            return null;
        var from = StageMachine.Parse(change.From);
        return new StageChangedEvent(e.Sequence, e.SubjectId, e.ModelId.Value, from, to, e.OccurredAt, e.Actor, e.Reason);
    }
}

/// <summary>The <c>StageChangedEvent</c> type.</summary>
public sealed class StageChangedEventType : ObjectGraphType<StageChangedEvent>
{
    /// <summary>Declares the fields.</summary>
    public StageChangedEventType()
    {
        Name = "StageChangedEvent";
        Field<NonNullGraphType<LongGraphType>>("sequence").Resolve(c => c.Source.Sequence);
        Field<NonNullGraphType<ModelVersionType>>("modelVersion").Resolve(c => c.LoadById<ModelVersion>(c.Source.ModelVersionId));
        Field<ModelStageType>("from").Resolve(c => c.Source.From);
        Field<NonNullGraphType<ModelStageType>>("to").Resolve(c => c.Source.To);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Resolve(c => c.Source.At);
        Field(e => e.By);
        Field(e => e.Reason, nullable: true);
    }
}
