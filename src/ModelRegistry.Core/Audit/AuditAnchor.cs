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
public sealed class AuditAnchor : IDisposable
{
    private const int KeyBytes = 32;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly byte[] _key;
    private readonly string _anchorPath;
    private readonly Lock _fileLock = new();
    private readonly Lock _writeLock = new();
    private AnchoredHead? _known;
    private AnchoredHead? _pending;
    private Task? _flushing;
    private Exception? _flushFailure;
    private (long Length, long Ticks)? _fileStamp;
    private AnchoredHead? _fileHead;

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
    public bool Vouches(AuditEvent e) => Vouches(e.Sequence, e.Hash, e.Mac);

    /// <summary>Whether <paramref name="mac"/> is the MAC of <paramref name="sequence"/> and <paramref name="hash"/>.</summary>
    public bool Vouches(long sequence, string hash, string? mac)
        => mac is { Length: 64 }
           && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(mac), Encoding.ASCII.GetBytes(MacOf(sequence, hash)));

    /// <summary>Whether an anchor has been written yet (false only before the first start with anchoring).</summary>
    public bool Exists => File.Exists(_anchorPath);

    /// <summary>
    /// The anchored head, or null when none was written yet: the higher of the file's head and the newest head this
    /// process has advanced to (which may not be on disk yet). An anchor file whose MAC fails was written by someone
    /// without the key: that is refused outright, since trusting it would let a forger lower the bar. The file is read
    /// again only when its size or time changed, since replicas sharing it may have moved it.
    /// </summary>
    public AnchoredHead? Head()
    {
        lock (_fileLock)
        {
            var onDisk = ReadFile();
            return _known is { } known && (onDisk is null || known.Sequence > onDisk.Sequence) ? known : onDisk;
        }
    }

    /// <summary>
    /// Moves the anchor to <paramref name="sequence"/>, never back: a replica that committed earlier events cannot
    /// lower a head another replica wrote. The new head holds in this process at once; the file follows behind the
    /// commit that called this, written by one background flush at a time (replaced whole and synced, so a crash leaves
    /// the old anchor or the new), and a flush writes only the newest head, so writers queued behind a flush share it.
    /// A file behind the database is what a crash may leave in any case and is covered by each event's MAC; the file is
    /// never ahead of the database. The very first anchor is written before this returns, and so is the next one after a
    /// flush failed, which then throws as the write path always did.
    /// </summary>
    public void Advance(long sequence, string hash)
    {
        Exception? failed;
        lock (_fileLock)
        {
            if (Head() is { } current && current.Sequence >= sequence)
                return;
            _known = new AnchoredHead(sequence, hash);
            failed = _flushFailure;
            _flushFailure = null;
            // Head() has just looked at the file: a stamp means it exists.
            if (failed is null && _fileStamp is not null)
            {
                _pending = _known;
                _flushing ??= Task.Run(FlushPending);
                return;
            }
        }
        WriteIfHigher(new AnchoredHead(sequence, hash));
    }

    /// <summary>Writes the newest advanced head to the file now, waiting for a flush under way; throws what the flush hit.</summary>
    public void Flush()
    {
        Task? flushing;
        lock (_fileLock)
            flushing = _flushing;
        flushing?.GetAwaiter().GetResult();
        AnchoredHead? pending;
        Exception? failed;
        lock (_fileLock)
        {
            pending = _pending;
            _pending = null;
            failed = _flushFailure;
            _flushFailure = null;
        }
        if (pending is not null)
            WriteIfHigher(pending);
        else if (failed is not null)
            throw new InvalidOperationException($"The audit anchor at {_anchorPath} could not be written.", failed);
    }

    /// <summary>Flushes the anchor when the host stops; a file that cannot be written then stays behind, as after a crash.</summary>
    public void Dispose()
    {
        try
        {
            Flush();
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // Behind the database is a state the anchor is built to tolerate (each event carries its MAC).
        }
    }

    private void FlushPending()
    {
        while (true)
        {
            AnchoredHead target;
            lock (_fileLock)
            {
                if (_pending is null)
                {
                    _flushing = null;
                    return;
                }
                target = _pending;
                _pending = null;
            }
            try
            {
                WriteIfHigher(target);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                lock (_fileLock)
                {
                    // The next Advance (or Flush) writes synchronously and throws if the file still cannot be written.
                    if (_pending is null || _pending.Sequence < target.Sequence)
                        _pending = target;
                    _flushFailure = error;
                    _flushing = null;
                }
                return;
            }
        }
    }

    // One writer of the file at a time; the file is re-read under the lock so that no writer lowers it.
    private void WriteIfHigher(AnchoredHead head)
    {
        lock (_writeLock)
        {
            lock (_fileLock)
            {
                if (ReadFile() is { } current && current.Sequence >= head.Sequence)
                    return;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(_anchorPath)!);
            var json = JsonSerializer.Serialize(new StoredAnchor(head.Sequence, head.Hash, Mac("head", head.Sequence, head.Hash)), Json);
            var temporary = _anchorPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                file.Write(Encoding.UTF8.GetBytes(json));
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, _anchorPath, overwrite: true);
        }
    }

    // The file's head, re-read and checked only when its length or write time changed. Call under _fileLock.
    private AnchoredHead? ReadFile()
    {
        var info = new FileInfo(_anchorPath);
        if (!info.Exists)
        {
            // The first anchor is written synchronously, so no file means none was ever written here, or it was removed
            // (an operator adopting a log anew): either way there is no anchor, as there was before heads were kept.
            _fileStamp = null;
            _fileHead = null;
            _known = null;
            _pending = null;
            return null;
        }
        var stamp = (info.Length, info.LastWriteTimeUtc.Ticks);
        if (_fileStamp == stamp)
            return _fileHead;
        var stored = JsonSerializer.Deserialize<StoredAnchor>(File.ReadAllText(_anchorPath), Json);
        if (stored is null || stored.Mac is null || stored.Hash is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stored.Mac), Encoding.ASCII.GetBytes(Mac("head", stored.Sequence, stored.Hash))))
            throw new InvalidOperationException($"The audit anchor at {_anchorPath} does not carry a valid MAC: it was not written with this registry's key.");
        _fileHead = new AnchoredHead(stored.Sequence, stored.Hash);
        _fileStamp = stamp;
        return _fileHead;
    }

    // The purpose is part of the MAC, so an event's MAC can never be passed off as the anchor's, or the reverse.
    private string Mac(string purpose, long sequence, string hash)
        => Convert.ToHexStringLower(HMACSHA256.HashData(_key,
            Encoding.UTF8.GetBytes(purpose + "|" + sequence.ToString(CultureInfo.InvariantCulture) + "|" + hash)));

    private sealed record StoredAnchor(long Sequence, string? Hash, string? Mac);
}
