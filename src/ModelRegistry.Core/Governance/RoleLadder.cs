namespace ModelRegistry.Core.Governance;

/// <summary>Which granted role satisfies which required role.</summary>
public static class RoleLadder
{
    /// <summary>ADMIN satisfies everything; DEPLOYER ⊇ CONTRIBUTOR ⊇ VIEWER; APPROVER ⊇ VIEWER; AUDITOR ⊇ VIEWER.</summary>
    public static bool Satisfies(Role granted, Role required) => granted switch
    {
        Role.Admin => true,
        Role.Deployer => required is Role.Deployer or Role.Contributor or Role.Viewer,
        Role.Contributor => required is Role.Contributor or Role.Viewer,
        Role.Approver => required is Role.Approver or Role.Viewer,
        Role.Auditor => required is Role.Auditor or Role.Viewer,
        _ => required == Role.Viewer,
    };

    /// <summary>The contract's spelling (e.g. CONTRIBUTOR).</summary>
    public static string Name(Role role) => role.ToString().ToUpperInvariant();
}
