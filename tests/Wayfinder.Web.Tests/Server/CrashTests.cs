namespace Wayfinder.Web.Tests.Server;

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Templates;

/// <summary>
/// The server killed (SIGKILL) in the middle of a burst of saves, then started again on the same database: every save it
/// acknowledged is there, and nothing it was never sent. A save in flight at the kill may or may not have been committed
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
                    if (Interlocked.Increment(ref count) >= AcknowledgedBeforeKill)
                    {
                        await enough.CancelAsync();
                    }
                }
            })).ToList();

            await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(60), enough.Token).ContinueWith(_ => { }, TaskScheduler.Default), Task.WhenAll(workers));
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
