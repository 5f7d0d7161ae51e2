using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Governance;

namespace ModelRegistry.Core.Reports;

/// <summary>
/// Which kind of actor made each approver decision. Decisions chained since the approver's kind was recorded carry it
/// in their event (<c>approverKind</c>); older ones are judged by name: the bootstrap admin key is a shared secret,
/// and a principal that owns an API key acted as a service.
/// </summary>
public sealed class ApproverKinds
{
    private readonly Dictionary<(long Request, string Actor), string> _recorded;
    private readonly HashSet<string> _keyOwners;

    private ApproverKinds(Dictionary<(long, string), string> recorded, HashSet<string> keyOwners)
    {
        _recorded = recorded;
        _keyOwners = keyOwners;
    }

    /// <summary>Reads the kinds recorded in <paramref name="events"/> and the owners of API keys.</summary>
    public static async Task<ApproverKinds> ReadAsync(IRegistryDbContext db, IEnumerable<AuditEvent> events, CancellationToken ct)
    {
        var recorded = new Dictionary<(long, string), string>();
        foreach (var e in events.Where(e => e.Type is EventTypes.PromotionApproved or EventTypes.PromotionRejected))
            if (ChainedEventJson.Read<PromotionDecided>(e)?.ApproverKind is { } kind)
                recorded[(e.SubjectId, e.Actor)] = kind;
        var owners = await db.ApiKeys.AsNoTracking().Select(k => k.Principal).Distinct().ToListAsync(ct);
        return new ApproverKinds(recorded, [.. owners]);
    }

    /// <summary>The kind of <paramref name="actor"/> when it decided on request <paramref name="requestId"/>.</summary>
    public string Of(long requestId, string actor)
        => _recorded.TryGetValue((requestId, actor), out var kind) ? kind
            : actor == AccessOptions.BootstrapAdmin ? ActorKind.SharedSecret
            : _keyOwners.Contains(actor) ? ActorKind.Service
            : ActorKind.Person;
}
