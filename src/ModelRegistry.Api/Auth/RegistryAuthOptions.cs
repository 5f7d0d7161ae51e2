namespace ModelRegistry.Api.Auth;

/// <summary>Authentication settings (section "Registry:Auth").</summary>
public sealed class RegistryAuthOptions
{
    /// <summary>If set, an API key with this value acts as a global ADMIN (the first admin of a new registry).</summary>
    public string? BootstrapAdminKey { get; set; }

    /// <summary>
    /// A file holding the bootstrap admin key (a Docker or Kubernetes secret such as <c>/run/secrets/registry_bootstrap_admin_key</c>),
    /// so the key need not sit in the environment; surrounding whitespace, such as the final newline, is not part of the key.
    /// </summary>
    public string? BootstrapAdminKeyFile { get; set; }

    /// <summary>When the host read these settings: since then the bootstrap admin key's implicit grant is in force.</summary>
    public DateTime LoadedAt { get; private set; } = DateTime.UtcNow;

    /// <summary>JWT bearer settings for people.</summary>
    public JwtSettings Jwt { get; set; } = new();

    /// <summary>JWT bearer settings (section "Registry:Auth:Jwt").</summary>
    public sealed class JwtSettings
    {
        /// <summary>OpenID Connect authority whose keys sign tokens.</summary>
        public string? Authority { get; set; }
        /// <summary>Expected audience.</summary>
        public string? Audience { get; set; }
        /// <summary>Expected issuer, when there is no authority.</summary>
        public string? Issuer { get; set; }
        /// <summary>A base64 symmetric signing key, for self-contained deployments and tests.</summary>
        public string? SigningKey { get; set; }
        /// <summary>The claim that names the principal.</summary>
        public string NameClaim { get; set; } = "sub";
        /// <summary>The claim that lists the principal's groups.</summary>
        public string GroupsClaim { get; set; } = "groups";

        /// <summary>Whether bearer tokens are accepted at all.</summary>
        public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
    }
}
