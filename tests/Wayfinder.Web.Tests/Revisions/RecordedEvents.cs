namespace Wayfinder.Web.Tests.Revisions;

using System.Collections.Concurrent;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Live;

/// <summary>The events the server published, kept in order, in place of the live events (which send them to clients).</summary>
public sealed class RecordedEvents : IWorkspaceEvents
{
    private readonly ConcurrentQueue<WorkspaceEvent> _events = new();

    public IReadOnlyList<WorkspaceEvent> All => [.. _events];

    public Task PublishAsync(WorkspaceEvent workspaceEvent, CancellationToken cancellationToken = default)
    {
        _events.Enqueue(workspaceEvent);
        return Task.CompletedTask;
    }

    /// <summary>The server over <paramref name="server"/>'s database, publishing into the returned recorder.</summary>
    public static (Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> Server, RecordedEvents Events) On(WayfinderServerFactory server)
    {
        var events = new RecordedEvents();
        return (server.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IWorkspaceEvents>(events))), events);
    }
}
