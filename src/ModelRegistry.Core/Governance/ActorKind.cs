namespace ModelRegistry.Core.Governance;

/// <summary>
/// What kind of actor made a decision, as a regulator reads it: a person, a service acting with its API key, or a
/// principal the registry itself holds (the system, the seed, the bootstrap admin key, whose secret anyone who
/// holds the configuration shares). Only a person's approval is a person's judgement.
/// </summary>
public static class ActorKind
{
    /// <summary>A person, signed in with a token.</summary>
    public const string Person = "PERSON";
    /// <summary>A service or pipeline acting with its API key.</summary>
    public const string Service = "SERVICE";
    /// <summary>The bootstrap admin key: a secret shared by whoever holds the configuration, not a person.</summary>
    public const string SharedSecret = "SHARED_SECRET";
    /// <summary>The registry itself: its scheduled jobs and the demo seed.</summary>
    public const string Registry = "REGISTRY";

    /// <summary>The kind of <paramref name="principal"/>.</summary>
    public static string Of(RegistryPrincipal principal)
        => principal.ImplicitAdmin ? principal.Name == AccessOptions.BootstrapAdmin ? SharedSecret : Registry
            : principal.Kind == PrincipalKind.Service ? Service : Person;
}
