namespace Wayfinder.Web.Evidence;

using System.Threading.Channels;
using Wayfinder.Evidence.Store;

/// <summary>
/// Compacts a workspace's embedded event store in the background after an upload appended to it, so reads keep
/// combining few segments while uploads return as soon as their rows are written. One store at a time; an upload
/// arriving meanwhile waits for the store (imports and compaction of one store never overlap).
/// </summary>
public sealed partial class BackgroundCompaction(ILogger<BackgroundCompaction> logger) : BackgroundService
{
    private readonly Channel<EventStore> _pending = Channel.CreateUnbounded<EventStore>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Asks for <paramref name="store"/> to be compacted soon; stores other than the embedded one need nothing.</summary>
    public void Request(IEventStore store)
    {
        if (store is EventStore embedded)
        {
            _pending.Writer.TryWrite(embedded);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var store in _pending.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                var report = await store.CompactAsync(stoppingToken).ConfigureAwait(false);
                if (report.Error is { } error)
                {
                    Skipped(store.Folder, error);
                }
                else if (report.Merged > 0)
                {
                    Compacted(store.Folder, report.Merged, report.Events);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The store is as it was (compaction writes beside it and swaps); the next upload asks again.
                Failed(store.Folder, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Event store {Folder}: merged {Merged} appended imports, {Events} events")]
    private partial void Compacted(string? folder, int merged, long events);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event store {Folder}: not compacted: {Reason}")]
    private partial void Skipped(string? folder, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Event store {Folder}: compaction failed; the store is unchanged")]
    private partial void Failed(string? folder, Exception exception);
}
