using ModelRegistry.Core.Audit;

namespace ModelRegistry.Core.Tests.Audit;

/// <summary>
/// Replicas share one anchor key file, and the first to start creates it. When several start at once, each must end with
/// the key that won, whole: none may read a half-written file or seal with a key of its own.
/// </summary>
public sealed class AuditAnchorKeyRaceTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "model-registry-anchor-race", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Replicas_creating_the_missing_key_at_once_all_load_the_one_key_that_won()
    {
        for (var round = 0; round < 200; round++)
        {
            var keyPath = Path.Combine(_directory, $"round-{round}", "audit-anchor.key");
            using var start = new ManualResetEventSlim();
            var replicas = Enumerable.Range(0, 4).Select(replica => Task.Run(() =>
            {
                start.Wait();
                return AuditAnchor.LoadOrCreate(keyPath, Path.Combine(_directory, $"round-{round}", $"anchor-{replica}.json")).MacOf(1, "head");
            })).ToList();
            start.Set();

            var macs = await Task.WhenAll(replicas);

            Assert.Single(macs.Distinct());
            Assert.Equal(["audit-anchor.key"], Directory.GetFiles(Path.GetDirectoryName(keyPath)!, "audit-anchor.key*").Select(Path.GetFileName));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }
}
