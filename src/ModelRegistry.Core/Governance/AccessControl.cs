using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Governance;

/// <summary>
/// RBAC decisions for the current principal: its grants (own and its groups'), checked against a role and a scope.
/// Principals the registry creates itself (system, seed, bootstrap admin key) hold an implicit global ADMIN.
/// </summary>
public sealed class AccessControl(IRegistryDbContext db, IPrincipalContext context, AccessOptions options)
{
    private IReadOnlyList<RoleAssignment>? _grants;
    private RegistryPrincipal? _grantsOf;

    /// <summary>The acting principal.</summary>
    public RegistryPrincipal Principal => context.Principal;

    /// <summary>The principal's grants in force, loaded once per scope.</summary>
    public async Task<IReadOnlyList<RoleAssignment>> GrantsAsync(CancellationToken cancellationToken)
    {
        // A WebSocket connection authenticates after it opened, so the principal of a scope can change once.
        if (_grants is not null && ReferenceEquals(_grantsOf, Principal))
            return _grants;
        _grantsOf = Principal;
        if (!Principal.IsAuthenticated)
            return _grants = [];
        var names = Principal.GrantNames.ToList();
        _grants = await db.RoleAssignments.AsNoTracking()
            .Where(r => r.RevokedAt == null && names.Contains(r.Principal))
            .ToListAsync(cancellationToken);
        return _grants;
    }

    /// <summary>Whether the principal holds a role satisfying <paramref name="role"/> at <paramref name="scope"/>.</summary>
    public async Task<bool> HasAsync(Role role, AccessScope scope, CancellationToken cancellationToken)
    {
        if (IsImplicitAdmin)
            return true;
        if (!Principal.IsAuthenticated)
            return role == Role.Viewer && options.AnonymousCanRead;
        var grants = await GrantsAsync(cancellationToken);
        return grants.Any(g => RoleLadder.Satisfies(g.Role, role) && scope.IsCoveredBy(g.Scope));
    }

    /// <summary>
    /// Null when allowed; UNAUTHENTICATED for a caller without credentials asking to change anything;
    /// FORBIDDEN, naming the role and scope needed, otherwise. For a scope the caller named itself (a team it registers
    /// into, the registry); a refusal about an existing subject goes through the overload that takes its NOT_FOUND.
    /// </summary>
    public async Task<DomainError?> RequireAsync(Role role, AccessScope scope, string action, CancellationToken cancellationToken)
    {
        if (await HasAsync(role, scope, cancellationToken))
            return null;
        return Unauthenticated(action) ?? Forbidden(role, scope, action);
    }

    /// <summary>
    /// Null when allowed to change an existing subject at <paramref name="scope"/>. A subject the principal cannot read is
    /// refused with <paramref name="notFound"/>, the very answer the use case gives for an ID that does not exist, so no
    /// refusal tells a hidden subject from a missing one (nor names it). FORBIDDEN only when the principal can read it.
    /// </summary>
    public async Task<DomainError?> RequireAsync(Role role, AccessScope scope, string action, DomainError notFound, CancellationToken cancellationToken)
    {
        if (await HasAsync(role, scope, cancellationToken))
            return null;
        if (Unauthenticated(action) is { } unauthenticated)
            return unauthenticated;
        return await CanReadAsync(scope, cancellationToken) ? Forbidden(role, scope, action) : notFound;
    }

    /// <summary>Whether the principal may read the subjects at <paramref name="scope"/> (see <see cref="ReadVisibility.Covers"/>).</summary>
    public async Task<bool> CanReadAsync(AccessScope scope, CancellationToken cancellationToken)
        => (await ReadVisibilityAsync(cancellationToken)).Covers(scope);

    private DomainError? Unauthenticated(string action)
        => Principal.IsAuthenticated ? null : new DomainError(ErrorCodes.Unauthenticated, $"Sign in (API key or bearer token) to {action}.");

    private DomainError Forbidden(Role role, AccessScope scope, string action)
    {
        var where = scope.ModelName is not null ? $"model '{scope.ModelName}'" : scope.Owner is not null ? $"team '{scope.Owner}'" : "the registry";
        return new DomainError(ErrorCodes.Forbidden, $"{Principal.Name} needs the {RoleLadder.Name(role)} role on {where} to {action}.");
    }

    /// <summary>What the principal may read.</summary>
    public async Task<ReadVisibility> ReadVisibilityAsync(CancellationToken cancellationToken)
    {
        if (IsImplicitAdmin)
            return ReadVisibility.Everything;
        if (!Principal.IsAuthenticated && options.AnonymousCanRead)
            return ReadVisibility.AllModels;
        var grants = await GrantsAsync(cancellationToken);
        if (grants.Any(g => g.Scope == AccessScope.Global))
            return grants.Any(g => g.Scope == AccessScope.Global && g.Role == Role.Admin) ? ReadVisibility.Everything : ReadVisibility.AllModels;
        return new ReadVisibility(false,
            grants.Where(g => g.Scope.StartsWith("team:", StringComparison.Ordinal)).Select(g => g.Scope[5..]).Distinct().ToList(),
            grants.Where(g => g.Scope.StartsWith("model:", StringComparison.Ordinal)).Select(g => g.Scope[6..]).Distinct().ToList());
    }

    private bool IsImplicitAdmin => Principal.IsAuthenticated && Principal.ImplicitAdmin;
}
