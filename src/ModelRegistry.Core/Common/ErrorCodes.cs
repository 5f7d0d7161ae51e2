namespace ModelRegistry.Core.Common;

/// <summary>The error codes clients branch on; the names are part of the client contract.</summary>
public static class ErrorCodes
{
    /// <summary>No credentials where they are required.</summary>
    public const string Unauthenticated = "UNAUTHENTICATED";
    /// <summary>Credentials without the needed role.</summary>
    public const string Forbidden = "FORBIDDEN";
    /// <summary>Unknown subject.</summary>
    public const string NotFound = "NOT_FOUND";
    /// <summary>A unique name is already in use.</summary>
    public const string NameTaken = "NAME_TAKEN";
    /// <summary>Input breaks a rule.</summary>
    public const string ValidationFailed = "VALIDATION_FAILED";
    /// <summary>A stage change the stage machine does not allow.</summary>
    public const string InvalidTransition = "INVALID_TRANSITION";
    /// <summary>An approver tried to approve their own request or version.</summary>
    public const string SelfApproval = "SELF_APPROVAL";
    /// <summary>A promotion policy check failed.</summary>
    public const string PolicyCheckFailed = "POLICY_CHECK_FAILED";
    /// <summary>The environment's deployment policy does not allow the version's stage.</summary>
    public const string DeploymentPolicyViolation = "DEPLOYMENT_POLICY_VIOLATION";
    /// <summary>A stored value a governance rule would judge differs from the value the audit chain records.</summary>
    public const string StateMismatch = "STATE_MISMATCH";
    /// <summary>The request was already approved, rejected, applied or cancelled.</summary>
    public const string AlreadyDecided = "ALREADY_DECIDED";
    /// <summary>An active webhook already sends the same event types to the same URL.</summary>
    public const string DuplicateWebhook = "DUPLICATE_WEBHOOK";
    /// <summary>An artifact of that name already exists on the version.</summary>
    public const string ArtifactExists = "ARTIFACT_EXISTS";
    /// <summary>The artifacts of a version that is or was in PRODUCTION never change.</summary>
    public const string Immutable = "IMMUTABLE";
    /// <summary>The uploaded bytes do not match the digest the client sent.</summary>
    public const string DigestMismatch = "DIGEST_MISMATCH";
    /// <summary>The upload is larger than the configured maximum.</summary>
    public const string ArtifactTooLarge = "ARTIFACT_TOO_LARGE";
    /// <summary>A download URL whose signature does not verify.</summary>
    public const string SignatureInvalid = "SIGNATURE_INVALID";
    /// <summary>A download URL past its expiry.</summary>
    public const string UrlExpired = "URL_EXPIRED";
    /// <summary>A Range header that selects no byte of the artifact.</summary>
    public const string RangeNotSatisfiable = "RANGE_NOT_SATISFIABLE";
    /// <summary>The audit log's head is not vouched for by its anchor (cut, restored, forged or re-chained); writes are refused.</summary>
    public const string AuditChainTampered = "AUDIT_CHAIN_TAMPERED";
}
