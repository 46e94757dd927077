namespace Wayfinder.Web.Tests.Documents;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Web.Access;
using Wayfinder.Web.Live;

/// <summary>A saved push publishes one event per document, after the save; a refused one publishes none.</summary>
public sealed class PushEventsTests : IDisposable
{
    private const string Push = "/api/v1/workspaces/demo/push";
    private readonly RecordingEvents _events = new();
    private readonly WayfinderServerFactory _factory = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _server;

    public PushEventsTests() =>
        _server = _factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IWorkspaceEvents>(_events)));

    public void Dispose()
    {
        _server.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task ASavedPushPublishesASavedOrDeletedEventPerDocumentAndARefusedPushNone()
    {
        // The recording server has no ClientAs of its own: an editor's bearer token, from the same database.
        using var client = _server.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await _factory.TokenAsync(WorkspaceRole.Editor));
        var files = await client.GetFromJsonAsync<JsonObject>("/api/v1/workspaces/demo/files");
        var dana = (string)files!["documents"]!.AsArray().Single(d => (string?)d!["file"] == "personas/travel-manager.yaml")!["text"]!;

        var refused = await client.PostAsJsonAsync(Push, new { documents = new object[] { new { file = "personas/travel-manager.yaml", expected_revision = 1, text = dana } } });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Empty(_events.Published);

        var saved = await client.PostAsJsonAsync(Push, new
        {
            documents = new object[]
            {
                new { file = "personas/travel-manager.yaml", expected_revision = 2, text = dana.Replace("title: Dana, the corporate travel manager", "title: Dana", StringComparison.Ordinal) },
                new { file = "journeys/corporate-programme.yaml", expected_revision = 1, deleted = true },
            },
        });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(
            [
                new WorkspaceEvent("demo", WorkspaceEventTypes.Saved, "editor", "persona", "travel-manager", 3),
                new WorkspaceEvent("demo", WorkspaceEventTypes.Deleted, "editor", "journey", "corporate-programme"),
            ],
            _events.Published);
    }

    private sealed class RecordingEvents : IWorkspaceEvents
    {
        private readonly ConcurrentQueue<WorkspaceEvent> _published = new();

        public IReadOnlyList<WorkspaceEvent> Published => [.. _published];

        public Task PublishAsync(WorkspaceEvent workspaceEvent, CancellationToken cancellationToken = default)
        {
            _published.Enqueue(workspaceEvent);
            return Task.CompletedTask;
        }
    }
}
