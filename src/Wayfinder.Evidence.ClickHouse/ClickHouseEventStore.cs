namespace Wayfinder.Evidence.ClickHouse;

using Wayfinder.Evidence.Store;

/// <summary>
/// A workspace's events in ClickHouse (one server, or a cluster sharded by customer), behind the same seam as the
/// embedded store: every metric is computed by SQL inside ClickHouse and only small results come back. Tables are
/// created on first use. Passes the same contract tests as the embedded store.
/// </summary>
public sealed partial class ClickHouseEventStore : IEventStore, IDisposable
{
    private readonly SemaphoreSlim _ready = new(1, 1);
    private bool _isReady;

    public ClickHouseEventStore(ClickHouseSettings settings)
    {
        Settings = settings ?? throw new ArgumentNullException(nameof(settings));
        Clients = [.. settings.Hosts.Select(h => new ClickHouseClient(h, settings))];
        Tables = new ClickHouseTables(settings.Table, settings.Cluster is not null);
    }

    public ClickHouseSettings Settings { get; }

    public ClickHouseTables Tables { get; }

    /// <summary>The client of the first host: every query goes here.</summary>
    internal ClickHouseClient Client => Clients[0];

    /// <summary>One client per host listed (per shard with a cluster).</summary>
    internal IReadOnlyList<ClickHouseClient> Clients { get; }

    /// <summary>Connects (checking the server is new enough) and creates the database and tables when missing; once per store.</summary>
    internal async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _isReady))
        {
            return;
        }

        await _ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_isReady)
            {
                foreach (var client in Clients)
                {
                    await client.ConnectAsync(cancellationToken).ConfigureAwait(false);
                }

                await ClickHouseSchema.CreateAsync(this, cancellationToken).ConfigureAwait(false);
                Volatile.Write(ref _isReady, true);
            }
        }
        finally
        {
            _ready.Release();
        }
    }

    /// <summary>Drops every table of this workspace (tests, and a workspace deleted).</summary>
    public async Task DropAsync(CancellationToken cancellationToken = default)
    {
        foreach (var client in Clients)
        {
            await ClickHouseSchema.DropAsync(this, client, cancellationToken).ConfigureAwait(false);
        }

        Volatile.Write(ref _isReady, false);
    }

    public void Dispose()
    {
        foreach (var client in Clients)
        {
            client.Dispose();
        }

        _ready.Dispose();
    }
}
