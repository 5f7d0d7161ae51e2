using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Writes;

/// <summary>
/// Which refusals leave a trace. A governance rule saying no (a failed policy check, a self-approval, a deployment
/// outside its policy, a policy that would have judged tampered state) is evidence a regulator asks for, so it is chained even though the write rolled back. Input
/// errors, unknown subjects and missing roles are not: they say nothing about a governed subject, and recording them
/// would let any caller grow the log (and, for subjects it cannot read, confirm they exist).
/// </summary>
public static class RefusalAudit
{
    /// <summary>The codes whose refusals are chained.</summary>
    public static readonly IReadOnlySet<string> RecordedCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        ErrorCodes.PolicyCheckFailed, ErrorCodes.SelfApproval, ErrorCodes.DeploymentPolicyViolation, ErrorCodes.StateMismatch,
    };

    /// <summary>The ATTEMPT_REFUSED event for <paramref name="error"/>, or null when such refusals leave no trace.</summary>
    public static AuditEvent? TraceOf(WriteScope scope, DomainError error)
    {
        if (!RecordedCodes.Contains(error.Code) || scope.Subject is not { } subject)
            return null;
        return new AuditEvent
        {
            Type = EventTypes.AttemptRefused,
            OccurredAt = scope.Now,
            Actor = scope.Actor,
            Reason = scope.StatedReason,
            SubjectType = subject.Type,
            SubjectId = subject.Id,
            ModelId = subject.ModelId,
            PayloadJson = ChainedEventJson.Write(new AttemptRefused(error.Code, error.Message, error.Field)),
        };
    }
}
