namespace ModelRegistry.Core.Governance;

/// <summary>
/// Registry roles. VIEWER &lt; CONTRIBUTOR &lt; DEPLOYER form a ladder; APPROVER decides promotions (and can view);
/// AUDITOR reads everything and exports the audit trail, and writes nothing; ADMIN can do everything.
/// </summary>
public enum Role
{
    /// <summary>Reads.</summary>
    Viewer,
    /// <summary>Registers models, versions, datasets and lineage; requests promotions.</summary>
    Contributor,
    /// <summary>Contributor rights plus recording and changing deployments.</summary>
    Deployer,
    /// <summary>Approves or rejects promotion requests.</summary>
    Approver,
    /// <summary>Everything, including keys and role grants.</summary>
    Admin,
    /// <summary>Reads the whole registry and exports the audit trail; writes nothing. Granted at global scope only.</summary>
    Auditor,
}
