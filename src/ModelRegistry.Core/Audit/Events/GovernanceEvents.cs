using System.Text.Json.Serialization;

namespace ModelRegistry.Core.Audit.Events;

/// <summary>PROMOTION_POLICY_SET: the rule now, and since events carry old values, the rule it replaced (null when new).</summary>
public sealed record PromotionPolicySet(
    string Scope, string TargetStage, int RequiredApprovals, bool RequireTrainingData, string? MetricName, double? MetricMinimum,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PromotionPolicyValues? Previous = null) : IChainedEvent;

/// <summary>The settings of a promotion rule.</summary>
public sealed record PromotionPolicyValues(int RequiredApprovals, bool RequireTrainingData, string? MetricName, double? MetricMinimum);

/// <summary>DEPLOYMENT_POLICY_SET: the stages allowed now and before (null when the rule is new).</summary>
public sealed record DeploymentPolicySet(string Scope, string Environment, IReadOnlyList<string> AllowedStages, IReadOnlyList<string>? PreviousAllowedStages) : IChainedEvent;

/// <summary>ROLE_GRANTED and ROLE_REVOKED; the subject is the grant.</summary>
public sealed record RoleChanged(string Principal, string Role, string Scope) : IChainedEvent;

/// <summary>API_KEY_CREATED and API_KEY_REVOKED; the subject is the key. The secret is never chained.</summary>
public sealed record ApiKeyChanged(string Name, string Principal, string Prefix) : IChainedEvent;

/// <summary>WEBHOOK_CREATED and WEBHOOK_DELETED: the target with any credentials redacted.</summary>
public sealed record WebhookChanged(string Target, IReadOnlyList<string> EventTypes) : IChainedEvent;

/// <summary>ATTEMPT_REFUSED: the refusal a governance rule gave.</summary>
public sealed record AttemptRefused(string Code, string Message, string? Field) : IChainedEvent;

/// <summary>
/// AUDIT_VERIFIED: the nightly verdict on the chain and, since the job compares the state too, how many live values differ
/// from the chain and how many it cannot vouch for (absent from runs chained before the comparison existed). The
/// mismatches themselves are logged and answered by <c>verifyAuditTrail(deep: true)</c>.
/// </summary>
public sealed record AuditVerified(
    bool Valid, long CheckedEvents, long? FirstBrokenSequence, long ThroughSequence,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? StateMismatches = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? UnvouchedState = null) : IChainedEvent;
