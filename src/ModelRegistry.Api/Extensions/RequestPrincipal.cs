using ModelRegistry.Core.Governance;

namespace ModelRegistry.Api.Extensions;

/// <summary>The principal of the current scope, set by authentication (or by the host for its own tasks).</summary>
public sealed class RequestPrincipal : IPrincipalContext
{
    /// <summary>Who is acting; anonymous until authentication names someone.</summary>
    public RegistryPrincipal Principal { get; set; } = RegistryPrincipal.Anonymous;
}
