using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Governance;
using ModelRegistry.Infrastructure.Persistence;

namespace ModelRegistry.Api.Auth;

/// <summary>Checks a presented API key: the bootstrap key, or a stored, unrevoked key whose hash matches.</summary>
public sealed class ApiKeyVerifier(RegistryDbContext db, ReadVisibilityHolder visibility, RegistryAuthOptions options)
{
    /// <summary>The principal name the key acts as and whether it is the bootstrap admin; null for an unknown or revoked key.</summary>
    public async Task<(string Principal, bool ImplicitAdmin)?> VerifyAsync(string presented, CancellationToken cancellationToken)
    {
        if (options.BootstrapAdminKey is { Length: > 0 } bootstrap
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bootstrap)))
            return (AccessOptions.BootstrapAdmin, true);
        if (ApiKeySecret.PrefixOf(presented) is not { } prefix)
            return null;
        ApiKey? key;
        using (visibility.Unrestricted())
            key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        return key is not null && key.RevokedAt is null && ApiKeySecret.Matches(presented, key.SecretHash) ? (key.Principal, false) : null;
    }
}
