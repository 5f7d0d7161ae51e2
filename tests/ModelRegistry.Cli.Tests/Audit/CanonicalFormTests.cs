using ModelRegistry.Cli.Audit;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Cli.Tests.Audit;

/// <summary>
/// The CLI's canonical form is written from the documentation, not shared with the registry; these cases hold it to the
/// registry's own <see cref="AuditChain"/>, on the fields where a re-implementation is most likely to slip.
/// </summary>
public sealed class CanonicalFormTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", 7L)]
    [InlineData("emoji 😀 and 𝔣𝔯𝔞𝔨𝔱𝔲𝔯 count two units each", 42L)]
    [InlineData("Zürich, 東京, Ελλάδα", null)]
    public void The_CLI_rebuilds_exactly_the_string_the_registry_hashes(string? reason, long? modelId)
    {
        var e = new AuditEvent
        {
            Sequence = 12, Type = "MODEL_UPDATED", OccurredAt = new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567),
            Actor = "ana@example.org", Reason = reason, SubjectType = "Model", SubjectId = 3, ModelId = modelId,
            PayloadJson = """{"description":"caf\u00E9 \uD83D\uDE00"}""",
        };
        var previous = new string('a', 64);

        var cli = AuditFileVerifier.CanonicalForm(previous, e.Sequence, e.Type, AuditChain.FormatTimestamp(e.OccurredAt), e.Actor, e.Reason,
            e.SubjectType, e.SubjectId, e.ModelId, e.PayloadJson);

        Assert.Equal(AuditChain.CanonicalForm(e, previous), cli);
        Assert.Equal("2026-03-04T05:06:07.1234567Z", AuditChain.FormatTimestamp(e.OccurredAt));
    }
}
