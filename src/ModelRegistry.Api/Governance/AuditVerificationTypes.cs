using GraphQL.Types;
using ModelRegistry.Core.Audit;
using ModelRegistry.Core.Audit.Deep;
using ModelRegistry.Core.Governance;
using ModelRegistry.GraphQL.Limits;
using ModelRegistry.GraphQL.Relay;

namespace ModelRegistry.Api.Governance;

/// <summary>What <c>verifyAuditTrail</c> found: the chain walk, and the state comparison when it was asked for.</summary>
public sealed record AuditTrailVerification(AuditVerification Chain, StateVerification? State);

/// <summary>The <c>AuditVerification</c> type.</summary>
public sealed class AuditVerificationType : ObjectGraphType<AuditTrailVerification>
{
    // Mismatches are the findings an auditor needs in full, so they may be read in far larger slices than other lists.
    private const int AuditListMax = 10_000;

    /// <summary>Declares the fields.</summary>
    public AuditVerificationType()
    {
        Name = "AuditVerification";
        Field<NonNullGraphType<BooleanGraphType>>("valid").Description("Whether every hash of the walked range matches its event and its predecessor.")
            .Resolve(c => c.Source.Chain.Valid);
        Field<NonNullGraphType<LongGraphType>>("checked").Resolve(c => c.Source.Chain.Checked);
        Field<LongGraphType>("firstBrokenSequence").Resolve(c => c.Source.Chain.FirstBrokenSequence);
        Field<AuditTamperType>("tamper").Description("What kind of tampering made the trail invalid; null when it is valid.")
            .Resolve(c => c.Source.Chain.Tamper);
        Field<LongGraphType>("anchoredSequence")
            .Description("The head sequence vouched for by the anchor kept outside the database (docs/security.md); null before the first anchored write.")
            .Resolve(c => c.Source.Chain.AnchoredSequence);
        Field<NonNullGraphType<BooleanGraphType>>("deep").Description("Whether the live state was compared with the replayed chain.")
            .Resolve(c => c.Source.State is not null);
        Field<BooleanGraphType>("stateMatches")
            .Description("With `deep`, whether every compared row says what the chain says; null without `deep`. Unvouched state does not count as a match or a mismatch: see `unvouched`.")
            .Resolve(c => c.Source.State?.Matches);
        Field<LongGraphType>("eventsReplayed").Description("With `deep`, the state-changing events replayed.").Resolve(c => c.Source.State?.EventsReplayed);
        Field<LongGraphType>("rowsCompared").Description("With `deep`, the live rows compared.").Resolve(c => c.Source.State?.RowsCompared);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StateMismatchType>>>>("mismatches")
            .Description("With `deep`, every stored value that differs from the chain; empty without `deep`.")
            .Sliced(defaultSize: ListBounds.MaxSlice, max: AuditListMax)
            .Resolve(c => c.Slice(c.Source.State?.Mismatches ?? []));
        Field<IntGraphType>("mismatchCount").Description("With `deep`, how many stored values differ from the chain, whatever slice `mismatches` returns; null without `deep`.")
            .Resolve(c => c.Source.State?.Mismatches.Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UnvouchedStateType>>>>("unvouched")
            .Description("With `deep`, stored values the chain cannot vouch for, because the events that wrote them predate events carrying that state.")
            .Sliced(defaultSize: ListBounds.MaxSlice, max: AuditListMax)
            .Resolve(c => c.Slice(c.Source.State?.Unvouched ?? []));
        Field<IntGraphType>("unvouchedCount").Description("With `deep`, how many stored values the chain cannot vouch for, whatever slice `unvouched` returns; null without `deep`.")
            .Resolve(c => c.Source.State?.Unvouched.Count);
    }
}

/// <summary>The <c>AuditTamper</c> enum.</summary>
public sealed class AuditTamperType : EnumerationGraphType<AuditTamper>
{
    /// <summary>Describes each case by what an auditor would conclude.</summary>
    public AuditTamperType()
    {
        Name = "AuditTamper";
        Description = "What kind of tampering a failed audit verification found.";
        Describe(AuditTamper.ChainBroken, "A stored event does not match its hash or its predecessor, or a sequence is missing.");
        Describe(AuditTamper.TailTruncated, "The log ends below the anchored head while the database recorded a later head: its last events were deleted.");
        Describe(AuditTamper.OlderDatabaseRestored, "The log ends below the anchored head and is consistent with itself: an older copy of the database was restored.");
        Describe(AuditTamper.Rechained, "Events were edited and their hashes recomputed: the anchored hash differs and the MACs fail from `firstBrokenSequence`.");
        Describe(AuditTamper.ForgedEvent, "An event that chains correctly carries no valid MAC while the anchored head matches: it was written without the anchor key.");
    }

    private void Describe(AuditTamper value, string description) => Values.FindByValue(value)!.Description = description;
}

/// <summary>The <c>StateMismatch</c> type.</summary>
public sealed class StateMismatchType : ObjectGraphType<StateMismatch>
{
    /// <summary>Declares the fields.</summary>
    public StateMismatchType()
    {
        Name = "StateMismatch";
        Description = "A stored value that differs from the value the audit chain records.";
        Field<NonNullGraphType<StringGraphType>>("subject").Description("The subject's global ID, or `Type:key` for subjects that are not nodes (policies).")
            .Resolve(c => StateSubjects.Subject(c.Source.SubjectType, c.Source.SubjectId));
        Field<NonNullGraphType<StringGraphType>>("subjectType").Resolve(c => StateSubjects.TypeName(c.Source.SubjectType));
        Field(m => m.Field).Description("The field, e.g. `stage`, `metrics.auc[test].value`, `aliases.prod`, `role`, `target`; `row` when a row exists on one side only.");
        Field<StringGraphType>("chainedValue").Description("What the chain says; null when the chain has no such row.").Resolve(c => c.Source.ChainedValue);
        Field<StringGraphType>("storedValue").Description("What the live row says; null when there is no such row.").Resolve(c => c.Source.StoredValue);
    }
}

/// <summary>The <c>UnvouchedState</c> type.</summary>
public sealed class UnvouchedStateType : ObjectGraphType<UnvouchedState>
{
    /// <summary>Declares the fields.</summary>
    public UnvouchedStateType()
    {
        Name = "UnvouchedState";
        Description = "A stored value the audit chain cannot vouch for either way.";
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(c => StateSubjects.Subject(c.Source.SubjectType, c.Source.SubjectId));
        Field<NonNullGraphType<StringGraphType>>("subjectType").Resolve(c => StateSubjects.TypeName(c.Source.SubjectType));
        Field(u => u.Field);
        Field<NonNullGraphType<StringGraphType>>("reason").Resolve(c => c.Source.Why);
    }
}

/// <summary>How a compared subject is named to clients.</summary>
public static class StateSubjects
{
    // Policies are rules, not nodes: they are named by type and key, as clients see them in deploymentPolicies and promotion policies.
    private static readonly Dictionary<string, string> NotNodes = new(StringComparer.Ordinal)
    {
        [nameof(PromotionPolicyRule)] = "PromotionPolicy",
        [nameof(DeploymentPolicyRule)] = "DeploymentPolicy",
    };

    /// <summary>The client-facing type name.</summary>
    public static string TypeName(string subjectType) => NotNodes.GetValueOrDefault(subjectType, subjectType);

    /// <summary>The global ID of a node subject, or <c>Type:key</c>.</summary>
    public static string Subject(string subjectType, long key)
        => NotNodes.TryGetValue(subjectType, out var name) ? $"{name}:{key}" : GlobalId.Encode(subjectType, key);
}
