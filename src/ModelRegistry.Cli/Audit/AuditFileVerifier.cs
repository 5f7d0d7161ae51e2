using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ModelRegistry.Cli.Audit;

/// <summary>
/// What <c>modelreg audit verify</c> found. When <see cref="Valid"/> is false, <see cref="Problem"/> says why and
/// <see cref="FailedSequence"/> names the first event that fails (null when the fault is the manifest's or the signature's).
/// </summary>
public sealed record AuditFileVerdict(
    bool Valid, long Events, long? FirstSequence, long? LastSequence, string? HeadHash,
    long? FailedSequence, int? FailedLine, string? Problem, string Signature);

/// <summary>
/// Checks an audit export with no server, re-implementing the registry's canonical form from its documentation
/// (docs/audit-export.md) rather than calling the registry's code, as an auditor's own checker would: every line's
/// canonical string is rebuilt from its fields and hashed, each previous hash must be the hash before it, the sequences
/// must run without a gap, and the manifest must name the first and last events, their count and the head hash. With a
/// public key, the signature over every byte before the signature line is checked too.
/// </summary>
public static class AuditFileVerifier
{
    /// <summary>The previous hash of the very first event.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Verifies the export in <paramref name="file"/>; <paramref name="publicKeyPem"/> also checks its signature.</summary>
    public static AuditFileVerdict Verify(Stream file, string? publicKeyPem)
    {
        var state = new State();
        using var signed = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[]? signedDigest = null;
        JsonElement? signature = null;
        var reader = new BufferedStream(file, 64 * 1024);
        var lineNumber = 0;
        while (ReadLine(reader) is { } line)
        {
            lineNumber++;
            if (signature is not null)
                return state.Fail(lineNumber, null, "there is content after the signature line.");
            string text;
            try
            {
                text = StrictUtf8.GetString(line.Bytes);
            }
            catch (DecoderFallbackException)
            {
                return state.Fail(lineNumber, state.Expected, "the line is not valid UTF-8.");
            }
            JsonElement root;
            try
            {
                using var document = JsonDocument.Parse(text);
                root = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                return state.Fail(lineNumber, state.Expected, "the line is not valid JSON.");
            }
            if (root.ValueKind != JsonValueKind.Object)
                return state.Fail(lineNumber, state.Expected, "the line is not a JSON object.");
            if (root.TryGetProperty("signature", out var sig))
            {
                if (state.Manifest is null)
                    return state.Fail(lineNumber, null, "the signature line comes before the manifest.");
                signedDigest = signed.GetHashAndReset();
                signature = sig.Clone();
                continue;
            }
            signed.AppendData(line.Bytes);
            if (line.EndsWithNewline)
                signed.AppendData("\n"u8);
            if (root.TryGetProperty("manifest", out var manifest))
            {
                if (state.Manifest is not null)
                    return state.Fail(lineNumber, null, "the file holds a second manifest.");
                state.Manifest = manifest.Clone();
                continue;
            }
            if (state.Manifest is not null)
                return state.Fail(lineNumber, state.Expected, "an event follows the manifest.");
            if (CheckEvent(root, state) is { } problem)
                return state.Fail(lineNumber, state.Expected, problem);
        }
        if (state.Manifest is not { } found)
            return state.Fail(lineNumber, state.Events == 0 ? null : state.NextSequence, "the file ends without a manifest: it was cut short.");
        if (CheckManifest(found, state) is { } manifestProblem)
            return state.Fail(null, null, manifestProblem);
        var signatureVerdict = CheckSignature(publicKeyPem, signature, signedDigest);
        if (signatureVerdict.Problem is { } signatureProblem)
            return state.Fail(null, null, signatureProblem);
        return new AuditFileVerdict(true, state.Events, state.FirstSequence, state.LastSequence, state.LastHash, null, null, null, signatureVerdict.Status);
    }

    /// <summary>
    /// The canonical string of an event: each field written as <c>{length}:{value}|</c>, the length counted in UTF-16 code
    /// units; a missing reason or model is one NUL character.
    /// </summary>
    public static string CanonicalForm(string previousHash, long sequence, string type, string occurredAt, string actor, string? reason,
        string subjectType, long subjectId, long? modelId, string payload)
    {
        var canonical = new StringBuilder();
        foreach (var value in (string[])[
                     previousHash, sequence.ToString(CultureInfo.InvariantCulture), type, occurredAt, actor, reason ?? "\0", subjectType,
                     subjectId.ToString(CultureInfo.InvariantCulture), modelId?.ToString(CultureInfo.InvariantCulture) ?? "\0", payload])
            canonical.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('|');
        return canonical.ToString();
    }

    private static string? CheckEvent(JsonElement e, State state)
    {
        if (Integer(e, "sequence") is not { } sequence)
            return "'sequence' is missing or not a whole number.";
        if (state.Events > 0 && sequence != state.NextSequence)
            return $"the line holds sequence {sequence} where {state.NextSequence} was expected: events are missing or out of order.";
        state.FirstSequence ??= sequence;
        state.NextSequence = sequence;
        foreach (var name in (string[])["type", "occurredAt", "actor", "subjectType", "payload", "previousHash", "hash"])
            if (!e.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
                return $"'{name}' is missing or not a string.";
        if (!e.TryGetProperty("reason", out var reason) || reason.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            return "'reason' is missing or neither a string nor null.";
        if (Integer(e, "subjectId") is not { } subjectId)
            return "'subjectId' is missing or not a whole number.";
        if (!e.TryGetProperty("modelId", out var model) || (model.ValueKind != JsonValueKind.Null && Integer(e, "modelId") is null))
            return "'modelId' is missing or neither a whole number nor null.";
        var previousHash = Text(e, "previousHash");
        var expectedPrevious = state.Events == 0 ? sequence == 1 ? Genesis : null : state.LastHash;
        if (expectedPrevious is not null && previousHash != expectedPrevious)
            return $"its previousHash {previousHash} is not the hash before it, {expectedPrevious}.";
        var canonical = CanonicalForm(previousHash, sequence, Text(e, "type"), Text(e, "occurredAt"), Text(e, "actor"),
            reason.ValueKind == JsonValueKind.Null ? null : reason.GetString(), Text(e, "subjectType"), subjectId,
            model.ValueKind == JsonValueKind.Null ? null : model.GetInt64(), Text(e, "payload"));
        if (e.TryGetProperty("canonical", out var stated) && (stated.ValueKind != JsonValueKind.String || stated.GetString() != canonical))
            return "its 'canonical' string is not the canonical form of its fields.";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        if (Text(e, "hash") != hash)
            return $"its hash {Text(e, "hash")} does not match its content, whose hash is {hash}.";
        state.FirstPreviousHash ??= previousHash;
        state.LastSequence = sequence;
        state.LastHash = hash;
        state.Events++;
        state.NextSequence = sequence + 1;
        return null;
    }

    private static string? CheckManifest(JsonElement m, State state)
    {
        if (m.ValueKind != JsonValueKind.Object)
            return "the manifest is not a JSON object.";
        if (state.Events == 0)
            return "the file holds no events.";
        if (Integer(m, "firstSequence") != state.FirstSequence)
            return $"the manifest's firstSequence is not {state.FirstSequence}, the first event in the file.";
        if (Integer(m, "lastSequence") != state.LastSequence)
            return $"the manifest's lastSequence is not {state.LastSequence}, the last event in the file: events were cut or added.";
        if (Integer(m, "count") != state.Events)
            return $"the manifest's count is not {state.Events}, the number of events in the file.";
        if (!m.TryGetProperty("headHash", out var head) || head.ValueKind != JsonValueKind.String || head.GetString() != state.LastHash)
            return $"the manifest's headHash is not {state.LastHash}, the hash of the last event.";
        if (!m.TryGetProperty("previousHash", out var previous) || previous.ValueKind != JsonValueKind.String || previous.GetString() != state.FirstPreviousHash)
            return $"the manifest's previousHash is not {state.FirstPreviousHash}, the previous hash of the first event.";
        return null;
    }

    private static (string Status, string? Problem) CheckSignature(string? publicKeyPem, JsonElement? signature, byte[]? digest)
    {
        if (publicKeyPem is null)
            return (signature is null ? "absent" : "not checked", null);
        if (signature is not { ValueKind: JsonValueKind.Object } sig || digest is null || Text(sig, "value") is not { Length: > 0 } value)
            return ("absent", "the file carries no signature line, but a public key was given to check it.");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(value);
        }
        catch (FormatException)
        {
            return ("invalid", "the signature is not base64.");
        }
        using var key = ECDsa.Create();
        key.ImportFromPem(publicKeyPem);
        return key.VerifyHash(digest, bytes, DSASignatureFormat.Rfc3279DerSequence)
            ? ("valid", null)
            : ("invalid", "the signature does not match the file under the given public key.");
    }

    private static long? Integer(JsonElement e, string name)
        => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static string Text(JsonElement e, string name)
        => e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";

    private static Line? ReadLine(Stream stream)
    {
        var bytes = new MemoryStream();
        int b;
        while ((b = stream.ReadByte()) >= 0)
        {
            if (b == '\n')
                return new Line(bytes.ToArray(), true);
            bytes.WriteByte((byte)b);
        }
        return bytes.Length == 0 ? null : new Line(bytes.ToArray(), false);
    }

    private sealed record Line(byte[] Bytes, bool EndsWithNewline);

    private sealed class State
    {
        public long Events;
        public long? FirstSequence;
        public long LastSequence;
        public long NextSequence;
        public string? FirstPreviousHash;
        public string LastHash = "";
        public JsonElement? Manifest;

        // The sequence the next line should hold; unknown before the first event names one.
        public long? Expected => FirstSequence is null ? null : NextSequence;

        public AuditFileVerdict Fail(int? line, long? sequence, string problem)
            => new(false, Events, FirstSequence, Events == 0 ? null : LastSequence, Events == 0 ? null : LastHash, sequence, line, problem, "not checked");
    }
}
