using System.Text.Json;
using ModelRegistry.Core.Audit;

namespace ModelRegistry.Core.Tests.Audit;

/// <summary>
/// The anchor file follows the commits behind them: a new head holds in the process at once, the file gets the newest
/// head of a burst, and nothing ever lowers it, neither a late flush nor another replica on the same file.
/// </summary>
public sealed class AuditAnchorFlushTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "model-registry-anchor-flush", Guid.NewGuid().ToString("N"));

    private string KeyPath => Path.Combine(_directory, "audit-anchor.key");
    private string AnchorPath => Path.Combine(_directory, "audit-anchor.json");

    private AuditAnchor Open(string? anchorPath = null) => AuditAnchor.LoadOrCreate(KeyPath, anchorPath ?? AnchorPath);

    private long SequenceOnFile() => JsonDocument.Parse(File.ReadAllText(AnchorPath)).RootElement.GetProperty("sequence").GetInt64();

    [Fact]
    public void The_first_anchor_is_on_the_file_when_Advance_returns()
    {
        using var anchor = Open();

        anchor.Advance(1, "hash-1");

        Assert.True(File.Exists(AnchorPath));
        Assert.Equal(1, SequenceOnFile());
    }

    [Fact]
    public void A_new_head_holds_at_once_and_is_on_the_file_after_a_flush()
    {
        using var anchor = Open();
        anchor.Advance(1, "hash-1");

        anchor.Advance(2, "hash-2");

        Assert.Equal(new AnchoredHead(2, "hash-2"), anchor.Head());
        anchor.Flush();
        Assert.Equal(2, SequenceOnFile());
        Assert.Equal(new AnchoredHead(2, "hash-2"), Open().Head());
    }

    [Fact]
    public async Task A_burst_of_advances_from_many_threads_leaves_the_highest_head_on_the_file()
    {
        using var anchor = Open();
        anchor.Advance(1, "hash-1");

        await Task.WhenAll(Enumerable.Range(2, 400).Select(sequence => Task.Run(() => anchor.Advance(sequence, $"hash-{sequence}"))));
        anchor.Flush();

        Assert.Equal(401, SequenceOnFile());
        Assert.Equal(new AnchoredHead(401, "hash-401"), Open().Head());
        Assert.Empty(Directory.GetFiles(_directory, "*.tmp"));
    }

    [Fact]
    public void A_replica_behind_another_never_lowers_the_shared_file()
    {
        using var ahead = Open();
        using var behind = Open();
        ahead.Advance(1, "hash-1");
        behind.Advance(1, "hash-1");
        ahead.Advance(10, "hash-10");
        ahead.Flush();

        behind.Advance(5, "hash-5");
        behind.Flush();

        Assert.Equal(10, SequenceOnFile());
        // The replica that wrote less reads the other's head from the changed file.
        Assert.Equal(new AnchoredHead(10, "hash-10"), behind.Head());
    }

    [Fact]
    public void A_head_never_goes_back()
    {
        using var anchor = Open();
        anchor.Advance(3, "hash-3");

        anchor.Advance(2, "hash-2");
        anchor.Flush();

        Assert.Equal(new AnchoredHead(3, "hash-3"), anchor.Head());
        Assert.Equal(3, SequenceOnFile());
    }

    [Fact]
    public void Disposing_writes_what_is_pending()
    {
        var anchor = Open();
        anchor.Advance(1, "hash-1");
        anchor.Advance(7, "hash-7");

        anchor.Dispose();

        Assert.Equal(7, SequenceOnFile());
    }

    [Fact]
    public void An_anchor_file_rewritten_without_the_key_is_refused_even_after_it_was_read()
    {
        using var anchor = Open();
        anchor.Advance(1, "hash-1");
        Assert.NotNull(anchor.Head());

        File.WriteAllText(AnchorPath, """{"sequence":0,"hash":"forged","mac":"0000000000000000000000000000000000000000000000000000000000000000"}""");

        Assert.Throws<InvalidOperationException>(() => anchor.Head());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
