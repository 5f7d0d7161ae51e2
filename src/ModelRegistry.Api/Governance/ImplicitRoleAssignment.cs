using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Governance;

/// <summary>
/// The global ADMIN the bootstrap admin key holds by configuration rather than by a stored grant. It is shown in
/// <c>me { roles }</c> so the caller sees why it may do everything; it has no row, so it cannot be revoked and its ID
/// (key 0, never a stored key) resolves to nothing.
/// </summary>
public sealed class ImplicitRoleAssignment : RoleAssignment
{
    /// <summary>What <c>grantedBy</c> says of a grant that comes from configuration.</summary>
    public const string GrantedByConfiguration = "configuration";

    /// <summary>The implicit grant of <paramref name="principal"/>, in force since the host read its configuration.</summary>
    public static ImplicitRoleAssignment GlobalAdmin(string principal, DateTime since) => new()
    {
        Id = 0,
        Principal = principal,
        Role = Role.Admin,
        Scope = AccessScope.Global,
        GrantedAt = since,
        GrantedBy = GrantedByConfiguration,
    };
}
