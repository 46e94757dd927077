namespace Wayfinder.Web.Live;

using System.Threading.Channels;
using Npgsql;

/// <summary>
/// The processes on one PostgreSQL database hear each other: each LISTENs on <see cref="Channel"/> and sends its messages
/// with <c>pg_notify</c> (JSON, with its <see cref="LiveOrigin"/> so it skips its own). When the listening connection is
/// lost it connects again (waiting 1 s, then up to 30 s); on each connect it forgets the other processes' viewers and
/// says <see cref="LiveMessage.Hello"/>, so the others tell them again. On stop it says <see cref="LiveMessage.Bye"/>.
/// </summary>
internal sealed partial class PostgresLiveRelay : BackgroundService, ILiveRelay
{
    /// <summary>The NOTIFY channel, in each database.</summary>
    public const string Channel = "wayfinder_live";

    private static readonly TimeSpan s_firstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_lastRetry = TimeSpan.FromSeconds(30);

    private readonly NpgsqlDataSource _dataSource;
    private readonly LiveDelivery _delivery;
    private readonly LiveOrigin _origin;
    private readonly WorkspacePresence _presence;
    private readonly ILogger<PostgresLiveRelay> _logger;
    private readonly Channel<string> _received = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PostgresLiveRelay(string connectionString, LiveDelivery delivery, LiveOrigin origin, WorkspacePresence presence, ILogger<PostgresLiveRelay> logger)
    {
        // Keepalives make a silently dropped listening connection fail its wait, so it is made again.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { KeepAlive = 15 };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _delivery = delivery;
        _origin = origin;
        _presence = presence;
        _logger = logger;
    }

    /// <summary>Done once this process LISTENs (again, after a reconnect): from then on it hears the others.</summary>
    public Task Listening => Volatile.Read(ref _listening).Task;

    public async Task SendAsync(LiveMessage message, CancellationToken cancellationToken)
    {
        if (message.ToPayload() is not { } payload)
        {
            LogTooLong(_logger, message.Event?.Type, message.Event?.Workspace);
            return;
        }

        try
        {
            await using var command = _dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
            command.Parameters.AddWithValue("channel", Channel);
            command.Parameters.AddWithValue("payload", payload);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            LogNotSent(_logger, message.Kind, e);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await SendAsync(new LiveMessage(_origin.Id, LiveMessage.Bye), cancellationToken).ConfigureAwait(false);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        base.Dispose();
        _dataSource.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delivering = DeliverAsync(stoppingToken);
        var retry = s_firstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever broke the listening connection, connect again: an exception let out would stop the whole server.
                if (Listening.IsCompleted)
                {
                    Volatile.Write(ref _listening, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                    retry = s_firstRetry;
                }

                LogLost(_logger, retry.TotalSeconds, e);
                try
                {
                    await Task.Delay(retry, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, s_lastRetry.Ticks));
            }
        }

        _received.Writer.TryComplete();
        await delivering.ConfigureAwait(false);
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(stoppingToken).ConfigureAwait(false);
        connection.Notification += (_, e) => _received.Writer.TryWrite(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
        }

        // Whatever was heard of the others before is stale now: they tell it again on hello.
        _presence.KeepOnly(_origin.Id);
        await SendAsync(new LiveMessage(_origin.Id, LiveMessage.Hello), stoppingToken).ConfigureAwait(false);
        _listening.TrySetResult();
        LogListening(_logger, Channel);
        while (true)
        {
            await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>Applies what was heard, in the order heard, off the listening connection's thread.</summary>
    private async Task DeliverAsync(CancellationToken stoppingToken)
    {
        await foreach (var payload in _received.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
        {
            if (LiveMessage.FromPayload(payload) is not { } message || message.Origin == _origin.Id)
            {
                continue;
            }

            try
            {
                if (message.Kind == LiveMessage.Hello)
                {
                    await TellViewersAsync(stoppingToken).ConfigureAwait(false);
                }
                else
                {
                    await _delivery.ApplyAsync(message, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One message that cannot be delivered must not end the delivery of all that follow.
                LogNotDelivered(_logger, message.Kind, e);
            }
        }
    }

    /// <summary>Tells a process that came up who views what here.</summary>
    private async Task TellViewersAsync(CancellationToken cancellationToken)
    {
        foreach (var (key, viewer) in _presence.OfOrigin(_origin.Id))
        {
            var viewing = new WorkspaceEvent(key.Workspace, WorkspaceEventTypes.Viewing, viewer.User, viewer.DocumentKind, viewer.DocumentId, Selection: viewer.Selection);
            await SendAsync(new LiveMessage(_origin.Id, LiveMessage.EventKind, viewing, key.Connection, viewer.Since, Replay: true), cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Live events: listening on PostgreSQL channel {Channel}")]
    private static partial void LogListening(ILogger logger, string channel);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events: the PostgreSQL listening connection failed; connecting again in {Seconds} s")]
    private static partial void LogLost(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events: a {Kind} message could not be sent to the other server processes")]
    private static partial void LogNotSent(ILogger logger, string kind, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events: a {Kind} message from another server process could not be delivered here")]
    private static partial void LogNotDelivered(ILogger logger, string kind, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live events: a {Type} event of workspace {Workspace} is too long for a PostgreSQL NOTIFY; the other server processes do not get it")]
    private static partial void LogTooLong(ILogger logger, string? type, string? workspace);
}
