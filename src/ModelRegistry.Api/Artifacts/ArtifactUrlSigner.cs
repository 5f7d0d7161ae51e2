using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using ModelRegistry.Api.Common;
using ModelRegistry.Core.Common;
using ModelRegistry.GraphQL.Relay;
using ModelRegistry.Infrastructure;
using ModelRegistry.Infrastructure.Artifacts;
using ModelRegistry.Infrastructure.Postgres;

namespace ModelRegistry.Api.Artifacts;

/// <summary>
/// Issues and checks short-lived download URLs: <c>/artifacts/{id}/content?expires=…&amp;sub=…&amp;sig=…</c>, an HMAC-SHA256 over
/// the artifact, the expiry and the principal the URL was issued to. The URL alone is the credential, like a SAS.
/// </summary>
public sealed class ArtifactUrlSigner
{
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _clock;

    /// <summary>Signs with <paramref name="key"/>; URLs live for the options' lifetime.</summary>
    public ArtifactUrlSigner(byte[] key, ArtifactStorageOptions options, TimeProvider clock)
    {
        _key = key;
        _lifetime = TimeSpan.FromSeconds(options.UrlLifetimeSeconds);
        _clock = clock;
    }

    /// <summary>
    /// The key in force: the configured one; else, on PostgreSQL, the one kept in the database, so a URL minted by one
    /// replica downloads through any other; else a random key for this process (one process serves every URL it minted).
    /// </summary>
    public static byte[] KeyFor(ArtifactStorageOptions options, RegistryPersistenceOptions persistence, IServiceProvider services)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
            return Convert.FromBase64String(options.SigningKey);
        return persistence.IsPostgres
            ? Convert.FromBase64String(services.GetRequiredService<SharedSecrets>()
                .GetOrCreate(SharedSecrets.ArtifactUrlKey, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))))
            : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>A root-relative URL that lets anyone holding it download the artifact until it expires.</summary>
    public string Sign(long artifactId, string issuedTo)
    {
        var expires = _clock.GetUtcNow().Add(_lifetime).ToUnixTimeSeconds();
        return $"/artifacts/{Uri.EscapeDataString(GlobalId.Encode(NodeTypes.Artifact, artifactId))}/content"
               + $"?expires={expires.ToString(CultureInfo.InvariantCulture)}&sub={Uri.EscapeDataString(issuedTo)}"
               + $"&sig={WebEncoders.Base64UrlEncode(Mac(artifactId, expires, issuedTo))}";
    }

    /// <summary>Null when the signature holds and has not expired; SIGNATURE_INVALID or URL_EXPIRED otherwise.</summary>
    public DomainError? Verify(long artifactId, string? expires, string? issuedTo, string? signature)
    {
        var invalid = new DomainError(ErrorCodes.SignatureInvalid, "The download URL's signature is missing or does not match; ask for a new downloadUrl.");
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiry) || issuedTo is null || signature is null)
            return invalid;
        byte[] presented;
        try
        {
            presented = WebEncoders.Base64UrlDecode(signature);
        }
        catch (FormatException)
        {
            return invalid;
        }
        if (!CryptographicOperations.FixedTimeEquals(presented, Mac(artifactId, expiry, issuedTo)))
            return invalid;
        return _clock.GetUtcNow().ToUnixTimeSeconds() > expiry
            ? new DomainError(ErrorCodes.UrlExpired, "The download URL has expired; ask for a new downloadUrl.")
            : null;
    }

    private byte[] Mac(long artifactId, long expires, string issuedTo)
        => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"artifact-download\n{artifactId}\n{expires}\n{issuedTo}")));
}
