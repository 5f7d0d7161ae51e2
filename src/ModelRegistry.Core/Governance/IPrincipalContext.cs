namespace ModelRegistry.Core.Governance;

/// <summary>The principal of the current request or task.</summary>
public interface IPrincipalContext
{
    /// <summary>Who is acting.</summary>
    RegistryPrincipal Principal { get; }
}
