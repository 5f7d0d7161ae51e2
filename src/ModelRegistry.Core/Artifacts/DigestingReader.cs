using System.Security.Cryptography;
using ModelRegistry.Core.Common;

namespace ModelRegistry.Core.Artifacts;

/// <summary>
/// Reads an upload in chunks while counting and hashing it, so every store measures the same way and refuses an
/// oversize body as soon as it crosses the limit rather than after storing it.
/// </summary>
public sealed class DigestingReader(Stream source, ArtifactWriteOptions options) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Bytes read so far.</summary>
    public long Count { get; private set; }

    /// <summary>Fills <paramref name="buffer"/> as far as the source allows; 0 at the end of the upload.</summary>
    public async Task<int> FillAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await source.ReadAsync(buffer[filled..], cancellationToken);
            if (read == 0)
                break;
            filled += read;
            Count += read;
            if (Count > options.MaxBytes)
                throw new ArtifactRefusedException(new DomainError(ErrorCodes.ArtifactTooLarge,
                    $"The artifact is larger than the maximum of {options.MaxBytes} bytes."));
        }
        _hash.AppendData(buffer.Span[..filled]);
        return filled;
    }

    /// <summary>The measured size and digest; throws DIGEST_MISMATCH when the client's digest differs.</summary>
    public StoredBytes Finish(string key)
    {
        var sha256 = Convert.ToHexStringLower(_hash.GetHashAndReset());
        if (options.ExpectedSha256 is { } expected && !string.Equals(expected, sha256, StringComparison.OrdinalIgnoreCase))
            throw new ArtifactRefusedException(new DomainError(ErrorCodes.DigestMismatch,
                $"The bytes received hash to {sha256}, not to the X-Content-SHA256 the client sent ({expected.ToLowerInvariant()}).",
                "X-Content-SHA256"));
        return new StoredBytes(key, Count, sha256);
    }

    /// <inheritdoc />
    public void Dispose() => _hash.Dispose();
}
