using ModelRegistry.Core.Common;
using static ModelRegistry.Core.Common.ErrorCodes;

namespace ModelRegistry.Api.Common;

/// <summary>
/// The one table of which error codes each mutation can return, traced from its resolver and its Core use case. The schema
/// is built from it: every mutation gets an interface <c>&lt;Mutation&gt;Error</c> whose possible types are exactly these
/// errors, so generated clients know what a mutation can answer. <see cref="MutationErrorGuard"/> checks every payload
/// against it at run time, so a missing entry fails the test suite instead of a client.
/// </summary>
public static class MutationErrors
{
    // Every use case on RegistryWriter: the stated reason is checked (VALIDATION_FAILED) and the write is refused while
    // the audit log's head is not vouched for (AUDIT_CHAIN_TAMPERED). ID arguments that do not decode are VALIDATION_FAILED.
    private static readonly string[] Write = [ValidationFailed, AuditChainTampered];

    // A check against a scope the caller names (a team, the registry): no subject to hide, so no NOT_FOUND from RBAC.
    private static readonly string[] NamedScope = [Unauthenticated, Forbidden];

    // A change to an existing subject: missing, or hidden from the caller, reads as NOT_FOUND (see AccessControl).
    private static readonly string[] ExistingSubject = [Unauthenticated, Forbidden, NotFound];

    // Judging a promotion policy: a failed check, or a stored input that differs from the audit chain.
    private static readonly string[] PolicyJudged = [InvalidTransition, PolicyCheckFailed, StateMismatch];

    /// <summary>Mutation field name to the codes its payload can carry.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlySet<string>> ByMutation = new Dictionary<string, string[]>
    {
        ["registerModel"] = [.. Write, .. NamedScope, NameTaken],
        ["updateModel"] = [.. Write, .. ExistingSubject],
        ["setModelAlias"] = [.. Write, .. ExistingSubject],
        ["createModelVersion"] = [.. Write, .. ExistingSubject],
        ["promoteModelVersion"] = [.. Write, .. ExistingSubject, .. PolicyJudged],
        ["restoreModelVersion"] = [.. Write, .. ExistingSubject, InvalidTransition],
        ["renameModel"] = [.. Write, .. ExistingSubject, NameTaken],
        ["deleteModel"] = [.. Write, .. ExistingSubject, Immutable],
        ["removeModelAlias"] = [.. Write, .. ExistingSubject],
        ["setKeyValueTag"] = [.. Write, .. ExistingSubject],
        ["deleteKeyValueTag"] = [.. Write, .. ExistingSubject],
        ["updateModelVersion"] = [.. Write, .. ExistingSubject],
        ["deleteModelVersion"] = [.. Write, .. ExistingSubject, Immutable],
        ["registerDataset"] = [.. Write, .. NamedScope, NameTaken],
        ["createDatasetVersion"] = [.. Write, .. ExistingSubject, NameTaken],
        ["addLineageEdge"] = [.. Write, .. ExistingSubject],
        ["closeLineageEdge"] = [.. Write, .. ExistingSubject],
        ["recordDeployment"] = [.. Write, .. ExistingSubject, DeploymentPolicyViolation],
        ["updateDeploymentStatus"] = [.. Write, .. ExistingSubject, InvalidTransition, DeploymentPolicyViolation],
        ["createApiKey"] = [.. Write, .. NamedScope],
        ["revokeApiKey"] = [.. Write, .. ExistingSubject],
        ["grantRole"] = [.. Write, .. NamedScope],
        ["revokeRole"] = [.. Write, .. ExistingSubject],
        ["approvePromotion"] = [.. Write, .. ExistingSubject, AlreadyDecided, SelfApproval, .. PolicyJudged],
        ["rejectPromotion"] = [.. Write, .. ExistingSubject, AlreadyDecided, SelfApproval],
        ["cancelPromotion"] = [.. Write, .. ExistingSubject, AlreadyDecided],
        ["setPromotionPolicy"] = [.. Write, .. NamedScope],
        ["setDeploymentPolicy"] = [.. Write, .. NamedScope],
        ["createWebhook"] = [.. Write, .. NamedScope, DuplicateWebhook],
        ["deleteWebhook"] = [.. Write, .. ExistingSubject],
        ["deleteArtifact"] = [.. Write, .. ExistingSubject, Immutable],
        ["setBaselineProfile"] = [.. Write, .. ExistingSubject],
        ["configureMonitoring"] = [.. Write, .. ExistingSubject],
        // Only enqueues a job, off the write path: no stated reason is chained and the audit head is not consulted.
        ["runMonitoringNow"] = [ValidationFailed, .. ExistingSubject],
        ["acknowledgeDriftAlert"] = [.. Write, .. ExistingSubject, InvalidTransition],
    }.ToDictionary(p => p.Key, p => (IReadOnlySet<string>)p.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>The mutation's error interface, named as Hot Chocolate's mutation conventions name it.</summary>
    public static string InterfaceName(string mutation) => char.ToUpperInvariant(mutation[0]) + mutation[1..] + "Error";

    /// <summary>The mutation whose payload is named <paramref name="payloadName"/> (<c>XPayload</c> for mutation <c>x</c>).</summary>
    public static string MutationOf(string payloadName)
        => char.ToLowerInvariant(payloadName[0]) + payloadName[1..^"Payload".Length];

    /// <summary>The mutations that can return <paramref name="code"/>.</summary>
    public static IEnumerable<string> Returning(string code) => ByMutation.Where(p => p.Value.Contains(code)).Select(p => p.Key);

    /// <summary>Whether <paramref name="mutation"/> declares <paramref name="error"/>'s code.</summary>
    public static bool Declares(string mutation, DomainError error) => ByMutation.TryGetValue(mutation, out var codes) && codes.Contains(error.Code);
}
