namespace ModelRegistry.Api.Auth;

/// <summary>Authentication settings (section "Registry:Auth").</summary>
public sealed class RegistryAuthOptions
{
    /// <summary>If set, an API key with this value acts as a global ADMIN (the first admin of a new registry).</summary>
    public string? BootstrapAdminKey { get; set; }

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
