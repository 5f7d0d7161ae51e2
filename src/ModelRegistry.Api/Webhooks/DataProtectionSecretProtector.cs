using Microsoft.AspNetCore.DataProtection;
using ModelRegistry.Core.Webhooks;

namespace ModelRegistry.Api.Webhooks;

/// <summary>
/// Encrypts signing secrets with ASP.NET Data Protection. On SQLite, or with <see cref="WebhookSettings.KeyDirectory"/> set,
/// the key ring lives apart from the database, so a copy of the database alone does not reveal them; on PostgreSQL without
/// it, the key ring is in the database, where every replica finds it (docs/architecture.md weighs the two).
/// </summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : IWebhookSecretProtector
{
    // The purpose isolates these ciphertexts from anything else the host might protect with the same key ring.
    private readonly IDataProtector _protector = provider.CreateProtector("ModelRegistry.Webhooks.SigningSecret.v1");

    /// <inheritdoc />
    public string Protect(string secret) => _protector.Protect(secret);

    /// <inheritdoc />
    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
