namespace Wayfinder.Evidence.Import;

/// <summary>
/// Passes a file through while counting bytes (for progress) and stopping at a line longer than the limit, so a
/// corrupt file with a gigabyte-long line is refused early instead of being buffered whole.
/// </summary>
internal sealed class LineGuardStream(Stream inner, long maxLineBytes, Action<long>? onBytes = null) : Stream
{
    private long _line = 1;
    private long _lineLength;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Inspect(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Inspect(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private void Inspect(ReadOnlySpan<byte> chunk)
    {
        BytesRead += chunk.Length;
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var segment = newline < 0 ? chunk.Length : newline;
            _lineLength += segment;
            if (_lineLength > maxLineBytes)
            {
                throw new ImportAbortedException(
                    $"line {_line} is longer than {Size(maxLineBytes)}; this is not a line-per-event file or it is corrupt");
            }

            if (newline < 0)
            {
                break;
            }

            _line++;
            _lineLength = 0;
            chunk = chunk[(newline + 1)..];
        }

        onBytes?.Invoke(BytesRead);
    }

    /// <summary>A byte count in plain words: 4 MiB, 512 KiB, 100 bytes.</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{bytes / (1024 * 1024)} MiB"
        : bytes >= 1024 && bytes % 1024 == 0 ? $"{bytes / 1024} KiB"
        : $"{bytes} bytes";

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
