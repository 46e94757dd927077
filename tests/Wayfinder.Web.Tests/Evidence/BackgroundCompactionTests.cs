namespace Wayfinder.Web.Tests.Evidence;

using Microsoft.Extensions.Logging;
using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;
using Wayfinder.Web.Evidence;

/// <summary>
/// The server's background compaction, run as the server runs it (a hosted service) on real stores in a temporary
/// folder: an upload that appended is folded into the store; a store with nothing appended is left as it is.
/// </summary>
public sealed class BackgroundCompactionTests : IDisposable
{
    private const string Day1 = "user_id,timestamp,event_name\nu1,2026-03-01T10:00:00Z,a\nu1,2026-03-01T11:00:00Z,b\nu2,2026-03-01T12:00:00Z,a\n";
    private const string Day2 = "user_id,timestamp,event_name\nu1,2026-03-02T10:00:00Z,c\nu3,2026-03-02T11:00:00Z,a\n";
    private readonly DirectoryInfo _temp = Directory.CreateTempSubdirectory("wayfinder-compaction-");
    private readonly Messages _log = new();

    public void Dispose() => _temp.Delete(recursive: true);

    [Fact]
    public async Task AnAppendedUploadIsFoldedIntoTheStore()
    {
        var store = await StoreWithDays("a", Day1, Day2);
        Assert.Equal(1, store.SegmentCount);
        var compaction = new BackgroundCompaction(_log);
        await compaction.StartAsync(CancellationToken.None);

        compaction.Request(store);
        var message = await _log.NextAsync();
        await compaction.StopAsync(CancellationToken.None);

        Assert.Equal($"Event store {store.Folder}: merged 1 appended imports, 5 events", message);
        Assert.Equal(0, store.SegmentCount);
        var log = new EventStore(store.Folder!).Open();
        Assert.Equal(5, log.EventCount);
        Assert.Equal(["u1", "u2", "u3"], log.CustomerIds);
    }

    [Fact]
    public async Task AStoreWithNothingAppendedIsLeftAsItIs()
    {
        var whole = await StoreWithDays("whole", Day1);
        var appended = await StoreWithDays("appended", Day1, Day2);
        var written = File.GetLastWriteTimeUtc(Path.Combine(whole.Folder!, "events.arrow"));
        var compaction = new BackgroundCompaction(_log);
        await compaction.StartAsync(CancellationToken.None);

        // Requests are taken in turn: once the second store's message is there, the first one was looked at and said nothing.
        compaction.Request(whole);
        compaction.Request(appended);
        var message = await _log.NextAsync();
        await compaction.StopAsync(CancellationToken.None);

        Assert.Equal($"Event store {appended.Folder}: merged 1 appended imports, 5 events", message);
        Assert.Single(_log.All);
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(whole.Folder!, "events.arrow")));
        Assert.Equal(3, new EventStore(whole.Folder!).Open().EventCount);
    }

    private async Task<EventStore> StoreWithDays(string name, params string[] days)
    {
        var store = new EventStore(Path.Combine(_temp.FullName, name, "store"));
        for (var d = 0; d < days.Length; d++)
        {
            var file = Path.Combine(_temp.FullName, name + "-day" + d + ".csv");
            await File.WriteAllTextAsync(file, days[d]);
            var report = await store.ImportAsync(file, new EventImportOptions());
            Assert.True(report.Succeeded, report.Error);
        }

        return store;
    }

    /// <summary>The service's log messages as written, for the test to wait on.</summary>
    private sealed class Messages : ILogger<BackgroundCompaction>
    {
        private readonly List<string> _all = [];
        private readonly SemaphoreSlim _written = new(0);

        public IReadOnlyList<string> All
        {
            get
            {
                lock (_all)
                {
                    return [.. _all];
                }
            }
        }

        /// <summary>The next message; fails after a minute without one (the service never reported).</summary>
        public async Task<string> NextAsync()
        {
            Assert.True(await _written.WaitAsync(TimeSpan.FromMinutes(1)), "the background compaction logged nothing within a minute");
            lock (_all)
            {
                return _all[^1];
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_all)
            {
                _all.Add(formatter(state, exception));
            }

            _written.Release();
        }
    }
}
