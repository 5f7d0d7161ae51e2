using Microsoft.EntityFrameworkCore;
using ModelRegistry.Api.Extensions;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Deep;
using ModelRegistry.Core.Audit.Events;
using ModelRegistry.Core.Common;
using ModelRegistry.Core.Governance;
using ModelRegistry.Core.Telemetry;
using ModelRegistry.Core.Writes;

namespace ModelRegistry.Api.Jobs;

/// <summary>What one run of <see cref="AuditVerificationJob"/> found, and the sequence of the event it recorded (null when it recorded none).</summary>
public sealed record AuditVerificationRun(AuditVerification Verification, StateVerification State, long? RecordedSequence);

/// <summary>
/// Verifies the whole audit chain, and compares the live state with the state the chain replays to, as the system
/// principal; records the result as an AUDIT_VERIFIED event through the write path and logs each mismatch. Hangfire runs a job at least once, so a run that finds its predecessor's result as the newest event, with
/// the same verdict, records nothing: repeating a run never piles up identical evidence.
/// </summary>
public sealed class AuditVerificationJob(
    RequestPrincipal principal, ReadVisibilityHolder visibility, RegistryWriter writer, AuditVerifier verifier, StateVerifier stateVerifier, RegistryMetrics metrics, ILogger<AuditVerificationJob> logger)
{
    /// <summary>The recurring job's identifier.</summary>
    public const string RecurringJobId = "audit-verification";

    /// <summary>The subject type of AUDIT_VERIFIED events; the subject key is the last sequence verified.</summary>
    public const string SubjectType = "AuditLog";

    /// <summary>Runs one verification.</summary>
    public async Task<AuditVerificationRun> RunAsync(CancellationToken cancellationToken)
    {
        principal.Principal = RegistryPrincipal.System;
        visibility.ForSystem();
        AuditEvent? recorded = null;
        StateVerification? state = null;
        // Under the write lock nothing is appended while the chain is walked, so "verified through N" is exact and two
        // overlapping runs are serialised: the second sees the first's event.
        var result = await writer.ExecuteAsync<AuditVerification>(async w =>
        {
            var last = await w.Db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence)
                .Select(e => new { e.Sequence, e.Type, e.PayloadJson }).FirstOrDefaultAsync(cancellationToken);
            var verification = await verifier.VerifyAsync(null, null, cancellationToken);
            state = await stateVerifier.VerifyAsync(cancellationToken);
            if (last is not null && last.Type == EventTypes.AuditVerified && SameVerdict(last.PayloadJson, verification, state))
                return verification;
            var through = last?.Sequence ?? 0;
            w.Audit(EventTypes.AuditVerified, SubjectType, through, null, new AuditVerified(
                verification.Valid, verification.Checked, verification.FirstBrokenSequence, through, state.Mismatches.Count, state.Unvouched.Count));
            recorded = w.Pending[^1];
            return verification;
        }, cancellationToken);
        if (result.Error?.Code == ErrorCodes.AuditChainTampered)
        {
            // The verdict cannot be chained onto a head the anchor does not vouch for, so it is only logged (and returned).
            var behind = await verifier.VerifyAsync(null, null, cancellationToken);
            state = await stateVerifier.VerifyAsync(cancellationToken);
            LogBroken(behind);
            return new AuditVerificationRun(behind, state, null);
        }
        var outcome = result.Value!;
        LogBroken(outcome);
        foreach (var m in state!.Mismatches)
            logger.LogCritical("The stored state differs from the audit chain: {SubjectType} {SubjectId} {Field} is {Stored} but the chain says {Chained}.",
                m.SubjectType, m.SubjectId, m.Field, m.StoredValue ?? "(no row)", m.ChainedValue ?? "(no row)");
        return new AuditVerificationRun(outcome, state, recorded?.Sequence);
    }

    private void LogBroken(AuditVerification verification)
    {
        metrics.AuditVerifications.Add(1, new KeyValuePair<string, object?>("result", verification.Valid ? "valid" : "broken"));
        metrics.AuditChainValid.Record(verification.Valid ? 1 : 0);
        if (!verification.Valid)
            logger.LogCritical("The audit trail is invalid ({Tamper}) at sequence {Sequence}; {Checked} events before it are intact; the anchor vouches for sequence {Anchored}.",
                verification.Tamper, verification.FirstBrokenSequence, verification.Checked, verification.AnchoredSequence);
    }

    private static bool SameVerdict(string payloadJson, AuditVerification verification, StateVerification state)
        => ChainedEventJson.Read<AuditVerified>(payloadJson) is { } last
           && last.Valid == verification.Valid && last.FirstBrokenSequence == verification.FirstBrokenSequence
           && last.StateMismatches == state.Mismatches.Count && last.UnvouchedState == state.Unvouched.Count;
}
