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
    /// FORBIDDEN, naming the role and scope needed, otherwise.
    /// </summary>
    public async Task<DomainError?> RequireAsync(Role role, AccessScope scope, string action, CancellationToken cancellationToken)
    {
        if (await HasAsync(role, scope, cancellationToken))
            return null;
        if (!Principal.IsAuthenticated)
            return new DomainError(ErrorCodes.Unauthenticated, $"Sign in (API key or bearer token) to {action}.");
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
