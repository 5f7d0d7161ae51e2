using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Audit;

/// <summary>The newest checkpoint of the chain's head that the anchor vouches for.</summary>
public sealed record AnchoredHead(long Sequence, string Hash);

/// <summary>
/// Tamper evidence kept outside the database. The plain hash chain is public and unkeyed, so anyone who can write the
/// database can cut its tail or re-chain it; the anchor closes that with a key the database never holds:
/// every event carries an HMAC-SHA256 of its sequence and hash (<see cref="AuditEvent.Mac"/>), and the head of the chain
/// after each commit is written, with its own HMAC, to a file beside the data. A database whose head is below the anchor
/// was cut or restored from an older copy; a row whose MAC fails was forged or re-chained by someone without the key.
/// Replicas share both files by pointing at the same paths.
/// </summary>
public sealed class AuditAnchor
{
    private const int KeyBytes = 32;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly byte[] _key;
    private readonly string _anchorPath;
    private readonly Lock _fileLock = new();

    private AuditAnchor(byte[] key, string anchorPath)
    {
        _key = key;
        _anchorPath = anchorPath;
    }

    /// <summary>Where the anchored head is kept.</summary>
    public string AnchorPath => _anchorPath;

    /// <summary>Loads the key at <paramref name="keyPath"/>, creating it (readable by its owner only) when there is none.</summary>
    public static AuditAnchor LoadOrCreate(string keyPath, string anchorPath)
    {
        var text = SharedKeyFile.ReadOrCreate(keyPath, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) + "\n");
        byte[] key;
        try
        {
            key = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The audit anchor key at {keyPath} is not base64.");
        }
        if (key.Length < KeyBytes)
            throw new InvalidOperationException($"The audit anchor key at {keyPath} must hold at least {KeyBytes} bytes.");
        return new AuditAnchor(key, Path.GetFullPath(anchorPath));
    }

    /// <summary>The MAC an event must carry: only a holder of the key can produce it for a given sequence and hash.</summary>
    public string MacOf(long sequence, string hash) => Mac("event", sequence, hash);

    /// <summary>Sets the event's MAC; call after <see cref="AuditChain.Seal"/>.</summary>
    public void Seal(AuditEvent e) => e.Mac = MacOf(e.Sequence, e.Hash);

    /// <summary>Whether the event carries the MAC of its own sequence and hash.</summary>
    public bool Vouches(AuditEvent e)
        => e.Mac is { Length: 64 } mac
           && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(MacOf(e.Sequence, e.Hash)));

    /// <summary>Whether an anchor has been written yet (false only before the first start with anchoring).</summary>
    public bool Exists => File.Exists(_anchorPath);

    /// <summary>
    /// The anchored head, or null when none was written yet. An anchor file whose MAC fails was written by someone
    /// without the key: that is refused outright, since trusting it would let a forger lower the bar.
    /// </summary>
    public AnchoredHead? Head()
    {
        lock (_fileLock)
        {
            if (!File.Exists(_anchorPath))
                return null;
            var stored = JsonSerializer.Deserialize<StoredAnchor>(File.ReadAllText(_anchorPath), Json);
            if (stored is null || stored.Mac is null || stored.Hash is null
                || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.Mac), Encoding.ASCII.GetBytes(Mac("head", stored.Sequence, stored.Hash))))
                throw new InvalidOperationException($"The audit anchor at {_anchorPath} does not carry a valid MAC: it was not written with this registry's key.");
            return new AnchoredHead(stored.Sequence, stored.Hash);
        }
    }

    /// <summary>
    /// Moves the anchor to <paramref name="sequence"/>, never back: a replica that committed earlier events cannot
    /// lower a head another replica wrote. The file is replaced whole, so a crash leaves the old anchor or the new.
    /// </summary>
    public void Advance(long sequence, string hash)
    {
        lock (_fileLock)
        {
            if (Head() is { } current && current.Sequence >= sequence)
                return;
            Directory.CreateDirectory(Path.GetDirectoryName(_anchorPath)!);
            var json = JsonSerializer.Serialize(new StoredAnchor(sequence, hash, Mac("head", sequence, hash)), Json);
            var temporary = _anchorPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(Encoding.UTF8.GetBytes(json));
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, _anchorPath, overwrite: true);
        }
    }

    // The purpose is part of the MAC, so an event's MAC can never be passed off as the anchor's, or the reverse.
    private string Mac(string purpose, long sequence, string hash)
        => Convert.ToHexStringLower(HMACSHA256.HashData(_key,
            Encoding.UTF8.GetBytes(purpose + "|" + sequence.ToString(CultureInfo.InvariantCulture) + "|" + hash)));

    private sealed record StoredAnchor(long Sequence, string? Hash, string? Mac);
}
