namespace ModelRegistry.Cli.Registry;

/// <summary>A read-only view of a stream that reports every chunk read, so a progress bar follows a streamed upload.</summary>
public sealed class ProgressStream(Stream inner, Action<long> onRead) : Stream
{
    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => inner.Length;

    /// <inheritdoc />
    public override long Position
    {
        get => inner.Position;
        set => throw new NotSupportedException("A progress stream is read front to back.");
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    /// <inheritdoc />
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => Counted(await inner.ReadAsync(buffer, cancellationToken));

    /// <inheritdoc />
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException("A progress stream is read front to back.");

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException("A progress stream is read-only.");

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("A progress stream is read-only.");

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }

    private int Counted(int read)
    {
        if (read > 0)
            onRead(read);
        return read;
    }
}
