using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelRegistry.Core.Abstractions;
using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Audit;

/// <summary>The events an export covers, fixed before the first line is written: later appends never enter it.</summary>
public sealed record AuditExportRange(long From, long To, long LogHead, string PreviousHash, string HeadHash, string ChainId);

/// <summary>Signs the SHA-256 of everything an export wrote before its signature line.</summary>
public sealed record AuditExportSigner(string Algorithm, string KeyId, Func<byte[], byte[]> SignSha256);

/// <summary>
/// Writes audit events as JSON Lines that anyone can verify without the registry (docs/audit-export.md): one line per
/// event with its fields, the exact canonical string its hash covers, its hash and previous hash; then a manifest line
/// (range, count, chain head); then, when a signer is given, a signature line over every byte before it. Events are read
/// and written in batches, so a long trail is never held in memory.
/// </summary>
public sealed class AuditExport(IRegistryDbContext db)
{
    /// <summary>Names the format and its version in every manifest.</summary>
    public const string Format = "model-registry-audit-export/1";

    private const int Batch = 1000;

    /// <summary>
    /// Checks the asked range against the log: <paramref name="from"/> defaults to 1 and <paramref name="to"/> to the
    /// head; a <paramref name="to"/> beyond the head is cut to it. VALIDATION_FAILED (field from or to) otherwise.
    /// </summary>
    public async Task<Result<AuditExportRange>> PlanAsync(long? from, long? to, CancellationToken cancellationToken)
    {
        if (from < 1)
            return DomainError.Invalid("'from' must be a sequence number of 1 or more.", "from");
        if (to < 1)
            return DomainError.Invalid("'to' must be a sequence number of 1 or more.", "to");
        if (from > to)
            return DomainError.Invalid($"'from' ({from}) must not be after 'to' ({to}).", "from");
        var head = await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        var first = from ?? 1;
        if (first > head)
            return DomainError.Invalid($"The audit log ends at sequence {head}; 'from' ({first}) is beyond it.", "from");
        var last = Math.Min(to ?? head, head);
        var ends = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Sequence == 1 || e.Sequence == first || e.Sequence == last)
            .Select(e => new { e.Sequence, e.PreviousHash, e.Hash }).ToListAsync(cancellationToken);
        var start = ends.FirstOrDefault(e => e.Sequence == first);
        var end = ends.FirstOrDefault(e => e.Sequence == last);
        // A hole at either end is a broken chain; the export still runs and the verifier names the gap.
        return new AuditExportRange(first, last, head, start?.PreviousHash ?? "", end?.Hash ?? "", ends.FirstOrDefault(e => e.Sequence == 1)?.Hash ?? "");
    }

    /// <summary>Writes the export of <paramref name="range"/> to <paramref name="output"/>, flushing after each batch.</summary>
    public async Task WriteAsync(AuditExportRange range, string generatedBy, DateTime generatedAt, AuditExportSigner? signer, Stream output, CancellationToken cancellationToken)
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        long count = 0, next = range.From;
        while (next <= range.To)
        {
            var from = next;
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence >= from && e.Sequence <= range.To)
                .OrderBy(e => e.Sequence).Take(Batch).ToListAsync(cancellationToken);
            foreach (var e in batch)
                WriteLine(buffer, w => WriteEvent(w, e));
            await FlushAsync(buffer, digest, output, cancellationToken);
            count += batch.Count;
            if (batch.Count < Batch)
                break;
            next = batch[^1].Sequence + 1;
        }
        WriteLine(buffer, w => WriteManifest(w, range, count, generatedBy, generatedAt, signer?.KeyId));
        await FlushAsync(buffer, digest, output, cancellationToken);
        if (signer is null)
            return;
        var signature = signer.SignSha256(digest.GetHashAndReset());
        WriteLine(buffer, w =>
        {
            w.WriteStartObject("signature");
            w.WriteString("algorithm", signer.Algorithm);
            w.WriteString("keyId", signer.KeyId);
            w.WriteString("value", Convert.ToBase64String(signature));
            w.WriteString("covers", "every byte of the file before this line");
            w.WriteEndObject();
        });
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
    }

    private static void WriteEvent(Utf8JsonWriter w, AuditEvent e)
    {
        w.WriteNumber("sequence", e.Sequence);
        w.WriteString("type", e.Type);
        w.WriteString("occurredAt", AuditChain.FormatTimestamp(e.OccurredAt));
        w.WriteString("actor", e.Actor);
        w.WriteString("reason", e.Reason);
        w.WriteString("subjectType", e.SubjectType);
        w.WriteNumber("subjectId", e.SubjectId);
        if (e.ModelId is { } modelId)
            w.WriteNumber("modelId", modelId);
        else
            w.WriteNull("modelId");
        // The stored text, not a parsed copy: the hash covers these exact characters.
        w.WriteString("payload", e.PayloadJson);
        w.WriteString("previousHash", e.PreviousHash);
        w.WriteString("hash", e.Hash);
        w.WriteString("canonical", AuditChain.CanonicalForm(e, e.PreviousHash));
    }

    private static void WriteManifest(Utf8JsonWriter w, AuditExportRange range, long count, string generatedBy, DateTime generatedAt, string? keyId)
    {
        w.WriteStartObject("manifest");
        w.WriteString("format", Format);
        w.WriteStartObject("registry");
        w.WriteString("chainId", range.ChainId);
        if (keyId is not null)
            w.WriteString("signingKeyId", keyId);
        w.WriteEndObject();
        w.WriteString("generatedAt", AuditChain.FormatTimestamp(generatedAt));
        w.WriteString("generatedBy", generatedBy);
        w.WriteNumber("firstSequence", range.From);
        w.WriteNumber("lastSequence", range.To);
        w.WriteNumber("count", count);
        w.WriteString("previousHash", range.PreviousHash);
        w.WriteString("headHash", range.HeadHash);
        w.WriteNumber("logHeadSequence", range.LogHead);
        w.WriteString("hashLengthUnit", "UTF-16 code units");
        w.WriteEndObject();
    }

    private static void WriteLine(ArrayBufferWriter<byte> buffer, Action<Utf8JsonWriter> body)
    {
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        buffer.Write("\n"u8);
    }

    private static async Task FlushAsync(ArrayBufferWriter<byte> buffer, IncrementalHash digest, Stream output, CancellationToken cancellationToken)
    {
        digest.AppendData(buffer.WrittenSpan);
        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
        buffer.Clear();
    }

    /// <summary>A sequence bound as the query string or command line gives it: absent, a whole number, or refused.</summary>
    public static Result<long?> ParseBound(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
            return (long?)null;
        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? Result<long?>.Ok(value)
            : Result<long?>.Fail(DomainError.Invalid($"'{field}' must be a whole number (a sequence of the audit log), not '{text}'.", field));
    }
}
