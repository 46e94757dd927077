namespace Wayfinder.Web.Tests.Server;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Templates;

/// <summary>
/// The server killed (SIGKILL) in the middle of a burst of saves, comments and uploads, then started again on the same
/// database and data folder: every write it acknowledged is there, and nothing it was never sent. A save in flight at the kill may or may not have been committed
/// (its answer was lost), so a document is at its last acknowledged revision or at most one further, with that save's text.
/// </summary>
public abstract class CrashTests
{
    private const int Workers = 8;
    private const int AcknowledgedBeforeKill = 60;

    /// <summary>The database the server runs on, as <c>--db</c> takes it.</summary>
    protected abstract string Database { get; }

    /// <summary>A folder for the server's files.</summary>
    protected string Folder { get; } = Directory.CreateTempSubdirectory("wayfinder-crash-").FullName;

    [Fact]
    public async Task EveryAcknowledgedSaveSurvivesAKillAndNothingUnsentAppears()
    {
        var acknowledged = new ConcurrentDictionary<int, (int Revision, string Title)>();
        var inFlight = new ConcurrentDictionary<int, (int Revision, string Title)>();
        var count = 0;
        string token;
        var comments = new ConcurrentBag<string>();
        string? commentInFlight = null;
        var uploads = 0;
        var uploadInFlight = false;

        using (var server = await ServerProcess.StartAsync(Database, Folder))
        {
            token = await server.SetUpAdminTokenAsync();
            using var client = server.Client(token);
            using var enough = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
            {
                var id = $"crash-{w}";
                var persona = TemplateCatalog.Personas.First(t => t.Id == "first-time-flyer").Create(id, $"Worker {w}, save 0");
                inFlight[w] = (0, persona.Title);
                var created = await Put(client, id, DocumentJson.Write(persona), ifMatch: null);
                if (created.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"worker {w} could not create its persona: {created.StatusCode} {await created.Content.ReadAsStringAsync()}");
                }

                acknowledged[w] = (0, persona.Title);
                Interlocked.Increment(ref count);
                var body = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
                for (var save = 1; ; save++)
                {
                    var (revision, _) = acknowledged[w];
                    var title = $"Worker {w}, save {save}";
                    body["title"] = title;
                    inFlight[w] = (revision + 1, title);
                    var saved = await Put(client, id, body.ToJsonString(), ifMatch: $"\"{revision}\"");
                    saved.EnsureSuccessStatusCode();
                    acknowledged[w] = (revision + 1, title);
                    Interlocked.Increment(ref count);
                    if (Volatile.Read(ref count) >= AcknowledgedBeforeKill && comments.Count >= 5 && Volatile.Read(ref uploads) >= 2)
                    {
                        await enough.CancelAsync();
                    }
                }
            })).ToList();
            workers.Add(Task.Run(async () =>
            {
                for (var k = 0; ; k++)
                {
                    var text = $"comment {k}";
                    commentInFlight = text;
                    var posted = await client.PostAsJsonAsync("api/v1/workspaces/demo/comments", new { document_kind = "persona", document_id = "business-traveller", text });
                    Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
                    comments.Add(text);
                }
            }));
            workers.Add(Task.Run(async () =>
            {
                for (var u = 0; ; u++)
                {
                    // Three events of a customer of this upload's own, so no upload's rows are another's duplicates.
                    var csv = $"customer_id,timestamp,event,channel\nu{u},2026-10-01T09:00:00Z,fare_search,web\nu{u},2026-10-01T09:05:00Z,booking_started,web\nu{u},2026-10-01T09:09:00Z,booking_completed,web\n";
                    Volatile.Write(ref uploadInFlight, true);
                    var uploaded = await client.PostAsync($"api/v1/workspaces/demo/evidence/events?name=upload-{u}.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
                    uploaded.EnsureSuccessStatusCode();
                    Interlocked.Increment(ref uploads);
                    Volatile.Write(ref uploadInFlight, false);
                }
            }));

            await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(120), enough.Token).ContinueWith(_ => { }, TaskScheduler.Default), Task.WhenAll(workers));
            Assert.True(enough.IsCancellationRequested, "the burst did not reach its count: " + string.Join("; ", workers.Where(t => t.IsFaulted).Select(t => t.Exception!.InnerException!.Message)));
            server.Kill();
            await Task.WhenAll(workers.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default)));
        }

        using var restarted = await ServerProcess.StartAsync(Database, Folder);
        using var reader = restarted.Client(token);
        Assert.Equal(Workers, acknowledged.Count);
        foreach (var (worker, (revision, title)) in acknowledged)
        {
            var response = await reader.GetAsync($"api/v1/workspaces/demo/documents/persona/crash-{worker}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var stored = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            var storedRevision = (int)stored["revision"]!;
            var storedTitle = (string?)stored["title"];
            var pending = inFlight[worker];
            Assert.True(
                (storedRevision, storedTitle) == (revision, title) || (storedRevision, storedTitle) == pending,
                $"crash-{worker}: stored revision {storedRevision} \"{storedTitle}\"; acknowledged {revision} \"{title}\"; in flight {pending.Revision} \"{pending.Title}\"");
        }

        var list = JsonNode.Parse(await reader.GetStringAsync("api/v1/workspaces/demo/documents"))!.AsArray();
        Assert.Equal(8 + Workers, list.Count);

        // Every acknowledged comment is there; besides them at most the one in flight.
        var threads = JsonNode.Parse(await reader.GetStringAsync("api/v1/workspaces/demo/comments?kind=persona&id=business-traveller"))!.AsArray();
        var storedComments = threads.Select(t => (string)t!["comments"]![0]!["text"]!).ToHashSet();
        Assert.Superset(comments.ToHashSet(), storedComments);
        Assert.Subset(new HashSet<string>(comments) { commentInFlight! }, storedComments);

        // Every acknowledged upload's three events are there, and an upload is there whole or not at all.
        var events = (long)JsonNode.Parse(await reader.GetStringAsync("api/v1/workspaces/demo/evidence"))!["events"]!;
        Assert.True(events == 3L * uploads || (uploadInFlight && events == 3L * (uploads + 1)), $"{events} events after {uploads} acknowledged uploads (one in flight: {uploadInFlight})");
    }

    private static Task<HttpResponseMessage> Put(HttpClient client, string id, string json, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"api/v1/workspaces/demo/documents/persona/{id}") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }

        return client.SendAsync(request);
    }
}

/// <summary>The crash test on a SQLite file.</summary>
public sealed class CrashOnSqliteTests : CrashTests
{
    protected override string Database => $"Data Source={Path.Combine(Folder, "wayfinder.db")}";
}

/// <summary>The crash test on PostgreSQL.</summary>
public sealed class CrashOnPostgresTests : CrashTests, IDisposable
{
    private readonly PostgresTestDatabase _database = new();

    protected override string Database => _database.ConnectionString;

    public void Dispose() => _database.Dispose();
}
