namespace ModelRegistry.Core.Governance;

/// <summary>Whether a principal is a person or a service (an API key's owner).</summary>
public enum PrincipalKind
{
    /// <summary>A person, usually signed in with a JWT.</summary>
    User,
    /// <summary>A service or pipeline, usually with an API key.</summary>
    Service,
}

/// <summary>Who is acting: a name, a kind, and the groups a token carried.</summary>
public sealed record RegistryPrincipal(string Name, PrincipalKind Kind, IReadOnlyList<string> Groups, bool IsAuthenticated)
{
    /// <summary>The caller without credentials.</summary>
    public static readonly RegistryPrincipal Anonymous = new("anonymous", PrincipalKind.User, [], false);

    /// <summary>The registry itself (start-up tasks, scheduled jobs).</summary>
    public static readonly RegistryPrincipal System = new("system", PrincipalKind.Service, [], true) { ImplicitAdmin = true };

    /// <summary>
    /// True only for principals the registry creates itself (the system, the seed, the bootstrap admin key):
    /// they hold a global ADMIN without a grant. Tokens and stored API keys never set it.
    /// </summary>
    public bool ImplicitAdmin { get; init; }

    /// <summary>A system principal with another name, e.g. the demo seed.</summary>
    public static RegistryPrincipal SystemNamed(string name) => System with { Name = name };

    /// <summary>The names grants may be made to: the principal itself and "group:&lt;name&gt;" for each group.</summary>
    /// <remarks>A principal whose own name spells a group (a token with <c>sub = "group:x"</c>) does not get that group's grants.</remarks>
    public IReadOnlyList<string> GrantNames
        => [.. Name.StartsWith("group:", StringComparison.Ordinal) ? [] : new[] { Name }, .. Groups.Select(g => "group:" + g)];
}
