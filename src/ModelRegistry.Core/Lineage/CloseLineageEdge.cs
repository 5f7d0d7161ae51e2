using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Lineage;

/// <summary>Input of <see cref="CloseLineageEdge"/>.</summary>
public sealed record CloseLineageEdgeCommand(long EdgeId, string Reason);

/// <summary>Ends a live lineage edge's validity; the edge stays readable for time travel.</summary>
public sealed class CloseLineageEdge(RegistryWriter writer)
{
    /// <summary>Runs the use case.</summary>
    public Task<Result<LineageEdge>> ExecuteAsync(CloseLineageEdgeCommand command, CancellationToken cancellationToken)
        => writer.ExecuteAsync<LineageEdge>(async w =>
        {
            var edge = await w.Db.LineageEdges.FindAsync([command.EdgeId], cancellationToken);
            // An edge with an end the caller cannot read is hidden from it, as the read filters hide it.
            if (edge is null
                || !await AddLineageEdge.IsReadableAsync(w, edge.SourceKind, edge.SourceId, cancellationToken)
                || !await AddLineageEdge.IsReadableAsync(w, edge.TargetKind, edge.TargetId, cancellationToken))
                return DomainError.NotFound("The lineage edge", "id");
            var modelId = await AddLineageEdge.ModelOfAsync(w.Db, edge.SourceKind, edge.SourceId, edge.TargetKind, edge.TargetId, cancellationToken);
            if (await AddLineageEdge.RequireContributorAsync(w, modelId, edge.TargetKind, edge.TargetId, cancellationToken) is { } denied)
                return denied;
            var error = Rules.CheckRequired(command.Reason, "reason", Rules.MaxTextLength);
            if (error is not null)
                return error;
            if (edge.ValidTo is not null)
                return DomainError.Invalid("The lineage edge is already closed.", "id");
            edge.ValidTo = w.Now;
            w.Audit(EventTypes.LineageEdgeClosed, nameof(LineageEdge), edge.Id, modelId,
                new LineageEdgeClosed(LineageRules.Name(edge.Relation), edge.ValidTo, LineageRules.End(edge.SourceKind, edge.SourceId), LineageRules.End(edge.TargetKind, edge.TargetId)),
                command.Reason);
            return edge;
        }, cancellationToken);
}
