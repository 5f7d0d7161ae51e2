using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Auth;

/// <summary>
/// A presented key that checked out: the principal it acts as, whether it is the bootstrap admin, and which key it was
/// (the stored key's database key, or a fingerprint of the configured bootstrap key), so a session built on it can ask
/// later whether that very key is still in force.
/// </summary>
public sealed record VerifiedApiKey(string Principal, bool ImplicitAdmin, long? KeyId, string? BootstrapFingerprint);

/// <summary>Checks a presented API key: the bootstrap key, or a stored, unrevoked key whose hash matches.</summary>
public sealed class ApiKeyVerifier(RegistryDbContext db, ReadVisibilityHolder visibility, RegistryAuthOptions options)
{
    /// <summary>The key's principal and identity; null for an unknown or revoked key.</summary>
    public async Task<VerifiedApiKey?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (options.BootstrapAdminKey is { Length: > 0 } bootstrap
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bootstrap)))
            return new VerifiedApiKey(AccessOptions.BootstrapAdmin, true, null, Fingerprint(bootstrap));
        if (ApiKeySecret.PrefixOf(presented) is not { } prefix)
            return null;
        ApiKey? key;
        using (visibility.Unrestricted())
            key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        return key is not null && key.RevokedAt is null && ApiKeySecret.Matches(presented, key.SecretHash)
            ? new VerifiedApiKey(key.Principal, false, key.Id, null)
            : null;
    }

    /// <summary>Whether a key verified earlier is still in force: not revoked, or (the bootstrap key) still the configured one.</summary>
    public async Task<bool> IsStillInForceAsync(VerifiedApiKey verified, CancellationToken cancellationToken)
    {
        if (verified.ImplicitAdmin)
            return options.BootstrapAdminKey is { Length: > 0 } bootstrap && verified.BootstrapFingerprint == Fingerprint(bootstrap);
        if (verified.KeyId is not { } id)
            return false;
        using (visibility.Unrestricted())
            return await db.ApiKeys.AsNoTracking().AnyAsync(k => k.Id == id && k.RevokedAt == null && k.Principal == verified.Principal, cancellationToken);
    }

    // Names the configured bootstrap key without holding it, so a session ends when the operator changes the key.
    private static string Fingerprint(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
