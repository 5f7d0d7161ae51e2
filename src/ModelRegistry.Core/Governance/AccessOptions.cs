namespace ModelRegistry.Core.Governance;

/// <summary>Access settings of the host.</summary>
public sealed class AccessOptions
{
    /// <summary>Principal name of the bootstrap admin key.</summary>
    public const string BootstrapAdmin = "bootstrap-admin";

    /// <summary>True in Development: callers without credentials read everything (and still write nothing).</summary>
    public bool AnonymousCanRead { get; set; }
}
