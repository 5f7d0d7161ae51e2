namespace ModelRegistry.Infrastructure.Postgres;

/// <summary>
/// A secret every replica must hold alike (the artifact URL key, the report signing key), kept in the database on
/// PostgreSQL when the operator did not configure one; see <see cref="SharedSecrets"/>.
/// </summary>
public sealed class RegistrySecret
{
    /// <summary>Which secret, e.g. <see cref="SharedSecrets.ArtifactUrlKey"/>.</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret in text form (base64 or PEM).</summary>
    public string Value { get; set; } = "";

    /// <summary>When the first replica created it.</summary>
    public DateTime CreatedAt { get; set; }
}
