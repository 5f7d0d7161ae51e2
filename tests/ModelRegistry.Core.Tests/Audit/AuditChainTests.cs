using ModelRegistry.Core.Audit;

namespace ModelRegistry.Core.Tests.Audit;

public class AuditChainTests
{
    private static AuditEvent Event(long sequence, string payload = """{"name":"m"}""") => new()
    {
        Sequence = sequence,
        Type = EventTypes.ModelRegistered,
        OccurredAt = new DateTime(2026, 11, 28, 12, 0, 0, DateTimeKind.Utc),
        Actor = "alice",
        SubjectType = "Model",
        SubjectId = 7,
        ModelId = 7,
        PayloadJson = payload,
    };

    [Fact]
    public void A_sealed_chain_verifies()
    {
        var first = Event(1);
        AuditChain.Seal(first, AuditChain.Genesis);
        var second = Event(2);
        AuditChain.Seal(second, first.Hash);

        Assert.True(AuditChain.IsIntact(first, AuditChain.Genesis));
        Assert.True(AuditChain.IsIntact(second, first.Hash));
        Assert.Matches("^[0-9a-f]{64}$", second.Hash);
    }

    [Fact]
    public void Editing_any_field_breaks_the_hash()
    {
        var e = Event(1);
        AuditChain.Seal(e, AuditChain.Genesis);
        e.PayloadJson = """{"name":"n"}""";
        Assert.False(AuditChain.IsIntact(e, AuditChain.Genesis));
    }

    [Fact]
    public void The_hash_depends_on_the_previous_hash()
    {
        var a = Event(2);
        var b = Event(2);
        AuditChain.Seal(a, AuditChain.Genesis);
        AuditChain.Seal(b, new string('1', 64));
        Assert.NotEqual(a.Hash, b.Hash);
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted_to_forge_an_equal_hash()
    {
        var a = Event(1);
        a.Actor = "ab";
        a.Reason = "c";
        var b = Event(1);
        b.Actor = "a";
        b.Reason = "bc";
        Assert.NotEqual(AuditChain.ComputeHash(a, AuditChain.Genesis), AuditChain.ComputeHash(b, AuditChain.Genesis));
    }
}
