using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Governance;

/// <summary>Grants and revokes roles; only a global ADMIN may.</summary>
public sealed class ManageRoles(RegistryWriter writer)
{
    /// <summary>Grants <paramref name="role"/> at <paramref name="scope"/>; granting what is already in force returns it unchanged.</summary>
    public Task<Result<RoleAssignment>> GrantAsync(string principal, Role role, string scope, CancellationToken cancellationToken)
        => writer.ExecuteAsync<RoleAssignment>(async w =>
        {
            if (await w.RequireAsync(Role.Admin, AccessScope.Registry, "grant roles", cancellationToken) is { } denied)
                return denied;
            var name = principal?.Trim() ?? "";
            var target = name.StartsWith("group:", StringComparison.Ordinal) ? name[6..] : name;
            var error = Rules.First(
                Rules.CheckName(target, "principal", "principal"),
                AccessScope.IsValidGrantScope(scope) ? null : DomainError.Invalid("'scope' must be \"global\", \"team:<owner>\" or \"model:<name>\".", "scope"),
                // An auditor reads the whole trail; a narrower AUDITOR would only be a VIEWER under another name.
                role == Role.Auditor && scope != AccessScope.Global ? DomainError.Invalid("AUDITOR is granted at scope \"global\" only.", "scope") : null);
            if (error is not null)
                return error;
            var existing = await w.Db.RoleAssignments.FirstOrDefaultAsync(
                r => r.RevokedAt == null && r.Principal == name && r.Role == role && r.Scope == scope, cancellationToken);
            if (existing is not null)
                return existing;
            var grant = new RoleAssignment { Principal = name, Role = role, Scope = scope, GrantedAt = w.Now, GrantedBy = w.Actor };
            w.Db.RoleAssignments.Add(grant);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.RoleGranted, nameof(RoleAssignment), grant.Id, null, new RoleChanged(grant.Principal, RoleLadder.Name(role), grant.Scope));
            return grant;
        }, cancellationToken);

    /// <summary>Revokes a grant; the row stays, marked revoked, for the record.</summary>
    public Task<Result<RoleAssignment>> RevokeAsync(long assignmentId, CancellationToken cancellationToken)
        => writer.ExecuteAsync<RoleAssignment>(async w =>
        {
            if (await w.RequireAsync(Role.Admin, AccessScope.Registry, "revoke roles", cancellationToken) is { } denied)
                return denied;
            var grant = await w.Db.RoleAssignments.FindAsync([assignmentId], cancellationToken);
            if (grant is null)
                return DomainError.NotFound("The role assignment", "id");
            if (grant.RevokedAt is not null)
                return DomainError.Invalid("The role assignment is already revoked.", "id");
            grant.RevokedAt = w.Now;
            grant.RevokedBy = w.Actor;
            w.Audit(EventTypes.RoleRevoked, nameof(RoleAssignment), grant.Id, null, new RoleChanged(grant.Principal, RoleLadder.Name(grant.Role), grant.Scope));
            return grant;
        }, cancellationToken);
}
