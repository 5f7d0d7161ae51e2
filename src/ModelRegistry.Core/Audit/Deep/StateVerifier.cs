using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;

namespace ModelRegistry.Core.Audit.Deep;

/// <summary>
/// Deep verification: replays the chain's state-changing events in sequence into a <see cref="ChainedState"/> and compares
/// it with the live rows. The hash chain proves the log was not rewritten; this proves the tables still say what the log says.
/// </summary>
public sealed class StateVerifier(IRegistryDbContext db)
{
    private const int Batch = 2000;

    /// <summary>Compares the whole registry: versions, aliases, deployments, lineage, grants and policies.</summary>
    public Task<StateVerification> VerifyAsync(CancellationToken cancellationToken) => VerifyAsync(null, cancellationToken);

    /// <summary>
    /// Compares one model's versions, aliases, deployments and the lineage edges touching them; null compares everything.
    /// </summary>
    public async Task<StateVerification> VerifyAsync(long? modelId, CancellationToken cancellationToken)
        => await new StateComparison(db, await ReplayAsync(modelId, cancellationToken), modelId).RunAsync(cancellationToken);

    /// <summary>The state the chain's events build, for one model (plus every lineage event, whose model may be the other end's) or for all.</summary>
    public async Task<ChainedState> ReplayAsync(long? modelId, CancellationToken cancellationToken)
    {
        var state = new ChainedState();
        var types = ChainedState.StateTypes.ToList();
        long after = 0;
        while (true)
        {
            var from = after;
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence > from && types.Contains(e.Type)
                            && (modelId == null || e.ModelId == modelId || e.Type == EventTypes.LineageEdgeAdded || e.Type == EventTypes.LineageEdgeClosed))
                .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
            foreach (var e in batch)
                state.Apply(e);
            if (batch.Count < Batch)
                return state;
            after = batch[^1].Sequence;
        }
    }
}
