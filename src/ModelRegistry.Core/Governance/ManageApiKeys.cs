using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Core.Governance;

/// <summary>A created key and its secret, shown once.</summary>
public sealed record CreatedApiKey(ApiKey Key, string Secret);

/// <summary>Creates and revokes API keys: anyone signed in for themselves, ADMINs for any principal.</summary>
public sealed class ManageApiKeys(RegistryWriter writer)
{
    /// <summary>Creates a key for <paramref name="principal"/> (the caller when null).</summary>
    public Task<Result<CreatedApiKey>> CreateAsync(string name, string? principal, CancellationToken cancellationToken)
        => writer.ExecuteAsync<CreatedApiKey>(async w =>
        {
            var owner = string.IsNullOrWhiteSpace(principal) ? w.Actor : principal.Trim();
            if (await RequireSelfOrAdminAsync(w, owner, "create API keys for other principals", cancellationToken) is { } denied)
                return denied;
            var error = Rules.First(Rules.CheckRequired(name, "name"), Rules.CheckName(owner, "principal", "principal"),
                // Keys acting as the bootstrap admin's name would carry its name into the audit trail without its key.
                string.Equals(owner, AccessOptions.BootstrapAdmin, StringComparison.OrdinalIgnoreCase)
                    ? DomainError.Invalid($"'{AccessOptions.BootstrapAdmin}' is reserved for the configured bootstrap key; name another principal.", "principal")
                    : null);
            if (error is not null)
                return error;
            var (secret, prefix, hash) = ApiKeySecret.Create();
            var key = new ApiKey { Name = name.Trim(), Principal = owner, Prefix = prefix, SecretHash = hash, CreatedAt = w.Now, CreatedBy = w.Actor };
            w.Db.ApiKeys.Add(key);
            await w.Db.SaveChangesAsync(cancellationToken);
            w.Audit(EventTypes.ApiKeyCreated, nameof(ApiKey), key.Id, null, new ApiKeyChanged(key.Name, key.Principal, key.Prefix));
            return new CreatedApiKey(key, secret);
        }, cancellationToken);

    /// <summary>Revokes a key; revoking twice is refused.</summary>
    public Task<Result<ApiKey>> RevokeAsync(long keyId, CancellationToken cancellationToken)
        => writer.ExecuteAsync<ApiKey>(async w =>
        {
            var key = await w.Db.ApiKeys.FindAsync([keyId], cancellationToken);
            var notFound = DomainError.NotFound("The API key", "id");
            if (key is null)
                return notFound;
            // Other principals' keys are administration, readable by global ADMINs only: to anyone else they do not exist.
            if (w.Access.Principal.IsAuthenticated && key.Principal != w.Actor && !(await w.Access.ReadVisibilityAsync(cancellationToken)).Administers)
                return notFound;
            if (await RequireSelfOrAdminAsync(w, key.Principal, "revoke other principals' API keys", cancellationToken) is { } denied)
                return denied;
            if (key.RevokedAt is not null)
                return DomainError.Invalid("The API key is already revoked.", "id");
            key.RevokedAt = w.Now;
            w.Audit(EventTypes.ApiKeyRevoked, nameof(ApiKey), key.Id, null, new ApiKeyChanged(key.Name, key.Principal, key.Prefix));
            return key;
        }, cancellationToken);

    private static async Task<DomainError?> RequireSelfOrAdminAsync(WriteScope w, string principal, string action, CancellationToken cancellationToken)
    {
        if (!w.Access.Principal.IsAuthenticated)
            return new DomainError(ErrorCodes.Unauthenticated, "Sign in (API key or bearer token) to manage API keys.");
        return principal == w.Actor ? null : await w.RequireAsync(Role.Admin, AccessScope.Registry, action, cancellationToken);
    }
}
