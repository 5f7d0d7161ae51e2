using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Versions;

namespace ModelRegistry.Core.Artifacts;

/// <summary>The rules every artifact change shares: file names, digests, RBAC and immutability after PRODUCTION.</summary>
public static partial class ArtifactRules
{
    /// <summary>Longest file name accepted.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Longest declared media type accepted.</summary>
    public const int MaxContentTypeLength = 200;

    [GeneratedRegex("^[A-Za-z0-9_+=@-][A-Za-z0-9._+=@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex FileName();

    [GeneratedRegex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant)]
    private static partial Regex Sha256Hex();

    /// <summary>
    /// A file name, or a relative path of such names joined by '/' (an MLflow model is a folder: MLmodel, data/model.pkl):
    /// each part letters, digits and <c>. _ - + = @</c>, not starting with a dot, so no part is empty, hidden, "." or "..",
    /// and the path never leaves the version.
    /// </summary>
    public static DomainError? CheckFileName(string? name)
    {
        if (string.IsNullOrEmpty(name))
            return DomainError.Invalid("The artifact file name must not be empty.", "fileName");
        if (name.Length > MaxNameLength)
            return DomainError.Invalid($"The artifact file name is longer than {MaxNameLength} characters.", "fileName");
        return name.Split('/').All(part => FileName().IsMatch(part))
            ? null
            : DomainError.Invalid(
                $"The artifact file name '{name}' is not allowed: use letters, digits, '.', '_', '-', '+', '=' and '@', not starting with '.', " +
                "optionally in folders separated by '/'.",
                "fileName");
    }

    /// <summary>Checks a client-sent SHA-256: 64 hex digits.</summary>
    public static DomainError? CheckSha256(string? digest, string field)
        => digest is null || Sha256Hex().IsMatch(digest)
            ? null
            : DomainError.Invalid($"'{field}' must be a SHA-256 digest in hex (64 digits).", field);

    /// <summary>True when the version is in PRODUCTION now or ever was: its artifacts are then fixed for good.</summary>
    public static async Task<bool> IsImmutableAsync(IRegistryDbContext db, ModelVersion version, CancellationToken cancellationToken)
        => version.Stage == ModelStage.Production
           || await db.StageTransitions.AnyAsync(t => t.ModelVersionId == version.Id && t.To == ModelStage.Production, cancellationToken);

    /// <summary>The IMMUTABLE refusal.</summary>
    public static DomainError Immutable(ModelVersion version)
        => new(ErrorCodes.Immutable,
            $"Version {version.Number} of '{version.Model?.Name}' has reached PRODUCTION; its artifacts can no longer change.");

    /// <summary>
    /// Why <paramref name="access"/>'s principal may not add <paramref name="name"/> to <paramref name="version"/>, or null:
    /// the version must exist (and be readable), the principal must be CONTRIBUTOR on its model, the version never in PRODUCTION and the name free.
    /// </summary>
    public static async Task<DomainError?> UploadRefusalAsync(
        IRegistryDbContext db, AccessControl access, ModelVersion? version, string name, CancellationToken cancellationToken)
    {
        var notFound = DomainError.NotFound("The model version", "modelVersionId");
        if (version is null)
            return notFound;
        if (await access.RequireAsync(Role.Contributor, AccessScope.Of(version.Model!), "upload artifacts to this model", notFound, cancellationToken) is { } denied)
            return denied;
        if (await IsImmutableAsync(db, version, cancellationToken))
            return Immutable(version);
        return await db.Artifacts.AnyAsync(a => a.ModelVersionId == version.Id && a.Name == name, cancellationToken)
            ? new DomainError(ErrorCodes.ArtifactExists,
                $"Version {version.Number} of '{version.Model!.Name}' already has an artifact named '{name}'; delete it first to replace it.",
                "fileName")
            : null;
    }
}
