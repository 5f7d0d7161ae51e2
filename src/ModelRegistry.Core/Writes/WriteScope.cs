using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;
using Microsoft.EntityFrameworkCore;

namespace ModelRegistry.Core.Writes;

/// <summary>What a use case gets inside the write transaction: the state, the actor, the clock and the audit queue.</summary>
public sealed class WriteScope(IRegistryDbContext db, AccessControl access, DateTime now, string? statedReason = null)
{
    private readonly List<AuditEvent> _pending = [];

    /// <summary>The registry state.</summary>
    public IRegistryDbContext Db => db;

    /// <summary>The acting principal's name, written to every row and event.</summary>
    public string Actor => access.Principal.Name;

    /// <summary>RBAC decisions for the acting principal.</summary>
    public AccessControl Access => access;

    /// <summary>Null when the principal holds <paramref name="role"/> at <paramref name="scope"/>; the refusal otherwise.</summary>
    public Task<DomainError?> RequireAsync(Role role, AccessScope scope, string action, CancellationToken cancellationToken)
        => access.RequireAsync(role, scope, action, cancellationToken);

    /// <summary>
    /// Null when the principal holds <paramref name="role"/> at the existing subject's <paramref name="scope"/>;
    /// <paramref name="notFound"/> when it cannot even read the subject; the FORBIDDEN or UNAUTHENTICATED refusal otherwise.
    /// </summary>
    public Task<DomainError?> RequireAsync(Role role, AccessScope scope, string action, DomainError notFound, CancellationToken cancellationToken)
        => access.RequireAsync(role, scope, action, notFound, cancellationToken);

    /// <summary>Whether the principal may read the subjects at <paramref name="scope"/>; the write path itself reads everything.</summary>
    public Task<bool> CanReadAsync(AccessScope scope, CancellationToken cancellationToken) => access.CanReadAsync(scope, cancellationToken);

    /// <summary>
    /// Loads a version with its model for a use case that needs <paramref name="role"/> on that model: the version, or
    /// NOT_FOUND (field <c>modelVersionId</c>) when it does not exist or the principal cannot read it, or the RBAC refusal.
    /// </summary>
    public async Task<Result<ModelVersion>> VersionForAsync(long modelVersionId, Role role, string action, CancellationToken cancellationToken)
    {
        var notFound = DomainError.NotFound("The model version", "modelVersionId");
        var version = await db.ModelVersions.Include(v => v.Model).FirstOrDefaultAsync(v => v.Id == modelVersionId, cancellationToken);
        if (version is null)
            return notFound;
        if (await RequireAsync(role, AccessScope.Of(version.Model!), action, notFound, cancellationToken) is { } denied)
            return denied;
        if (ModelVersionRules.CheckLive(version) is { } deleted)
            return deleted;
        Concerns(nameof(ModelVersion), version.Id, version.ModelId);
        return version;
    }

    /// <summary>
    /// The subject the write is about, once the caller is known to be allowed to act on it: a governance refusal past
    /// this point is chained as an ATTEMPT_REFUSED event about that subject (see <see cref="RefusalAudit"/>).
    /// </summary>
    public void Concerns(string subjectType, long subjectId, long? modelId) => Subject = (subjectType, subjectId, modelId);

    /// <summary>The subject named with <see cref="Concerns"/>, if any.</summary>
    public (string Type, long Id, long? ModelId)? Subject { get; private set; }

    /// <summary>The transaction's timestamp (UTC); every row and event of one use case shares it.</summary>
    public DateTime Now => now;

    /// <summary>
    /// The reason the caller gave for this write (see <see cref="Writes.StatedReason"/>); events queued without a
    /// reason of their own carry it.
    /// </summary>
    public string? StatedReason => statedReason;

    /// <summary>Events queued by the use case, appended to the log before commit.</summary>
    public IReadOnlyList<AuditEvent> Pending => _pending;

    /// <summary>
    /// Queues an audit event about a subject that already has its key (save first for new rows). Its reason is
    /// <paramref name="reason"/> when the use case names one (a required reason, a comment), else the stated reason.
    /// </summary>
    public void Audit(string type, string subjectType, long subjectId, long? modelId, IChainedEvent payload, string? reason = null)
        => _pending.Add(new AuditEvent
        {
            Type = type,
            OccurredAt = now,
            Actor = Actor,
            Reason = reason ?? statedReason,
            SubjectType = subjectType,
            SubjectId = subjectId,
            ModelId = modelId,
            PayloadJson = ChainedEventJson.Write(payload),
        });
}
