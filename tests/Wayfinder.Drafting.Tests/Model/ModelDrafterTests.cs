namespace Wayfinder.Drafting.Tests.Model;

using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.App.Workspaces;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Drafting.Model;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// The model drafter through the drafting use case, against a real OpenAI-compatible server on 127.0.0.1 answering
/// recorded chat completions (Recorded/*.completion.json; their answers are in Recorded/answers/).
/// </summary>
public sealed class ModelDrafterTests
{
    private const string Key = "sk-test-7f3a9c1e5b2d-secret";
    private const string ModelName = "gpt-4o-mini";

    private static readonly IReadOnlyList<Insight> s_insights =
    [
        new("int-07", new DateOnly(2026, 10, 2), "interview", "First-time flyers did not know whether a bag was included until the last step.", [], [], [], "Interviews, October 2026"),
        new("tkt-12", new DateOnly(2026, 11, 14), "support ticket", "Complaints about bag fees added at checkout.", ["maya"], [], [], "Support desk"),
    ];

    private static DraftRequest Request() => new()
    {
        Id = "first-flight",
        Persona = "maya",
        Scenario = "first international flight",
        Goal = "more first-time flyers book again",
        Drafter = DrafterChoice.Model,
    };

    private static async Task<(DraftResult Result, WorkspaceStores Workspace, List<string> Progress)> DraftAsync(Uri endpoint, TimeSpan? timeout = null, string? key = Key)
    {
        using var services = DraftWorkspaces.Services(new ModelSettings { Endpoint = endpoint, Model = ModelName, Key = key, Timeout = timeout ?? TimeSpan.FromSeconds(60) });
        var workspace = DraftWorkspaces.Create(insights: s_insights);
        var progress = new ProgressLog();
        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, Request(), progress);

        // Whatever happened, the key is in no message.
        Assert.DoesNotContain(Key, result.Failure?.Message ?? "", StringComparison.Ordinal);
        Assert.All(result.Failure?.Diagnostics ?? [], d => Assert.DoesNotContain(Key, d.ToString(), StringComparison.Ordinal));
        Assert.All(progress.Messages, p => Assert.DoesNotContain(Key, p, StringComparison.Ordinal));
        return (result, workspace, progress.Messages);
    }

    [Fact]
    public async Task AGoodAnswerIsSavedAsTheExpectedJourney()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("good.completion.json"));

        var (result, workspace, progress) = await DraftAsync(server.Endpoint);

        Assert.Equal(DraftOutcome.Created, result.Outcome);
        Assert.Equal("model", result.Drafter);
        Assert.Equal(ModelName, result.Model);
        Assert.Equal(1, result.Attempts);
        var stored = await workspace.Documents.ReadAsync(DocumentKind.Journey, "first-flight");
        var expected = await File.ReadAllTextAsync(Path.Combine(RecordedReply.Folder, "expected", "first-flight.yaml"));
        Assert.Equal(expected.ReplaceLineEndings("\n"), stored!.Text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain(Key, stored.Text, StringComparison.Ordinal);
        Assert.Contains("checking the answer", progress);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task TheRequestCarriesTheStrictSchemaTheKeyAndWhatTheModelNeeds()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("good.completion.json"));

        await DraftAsync(server.Endpoint);

        var request = Assert.Single(server.Requests);
        Assert.Equal("Bearer " + Key, request.Authorization);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal(ModelName, (string?)body["model"]);
        Assert.Equal("json_schema", (string?)body["response_format"]!["type"]);
        var format = body["response_format"]!["json_schema"]!;
        Assert.Equal("draft_answer", (string?)format["name"]);
        Assert.True((bool?)format["strict"]);
        Assert.True(JsonNode.DeepEquals(JsonSerializer.SerializeToNode(DraftAnswerSchema.Schema), format["schema"]));
        var messages = body["messages"]!.AsArray();
        Assert.Equal(["system", "user"], messages.Select(m => (string?)m!["role"]));
        Assert.Equal(Prompts.System, TextOf(messages[0]!));
        var data = PromptsTests.DataSection(TextOf(messages[1]!));
        Assert.Equal("first international flight", (string?)data["scenario"]);
        Assert.Equal("more first-time flyers book again", (string?)data["business_goal"]);
        Assert.Equal("Maya", (string?)data["persona"]!["name"]);
        Assert.Equal("I just don't want to be the one holding up the queue.", (string?)data["persona"]!["quote"]);
        Assert.Equal(["Hidden fees for bags", "Not knowing where to go at the airport"], data["persona"]!["pains"]!.AsArray().Select(n => (string?)n));
        var template = TemplateCatalog.FindJourney("digital")!.Create("x", "x");
        Assert.Equal(template.Stages.Select(s => s.Name), data["template"]!["stages"]!.AsArray().Select(s => (string?)s!["name"]));
        Assert.Equal(["web", "app", "email", "store", "phone"], data["channels"]!.AsArray().Select(c => (string?)c!["id"]));
        Assert.Equal(["maya"], data["persona_ids"]!.AsArray().Select(n => (string?)n));
        Assert.Equal(["int-07", "tkt-12"], data["insights"]!.AsArray().Select(i => (string?)i!["id"]));
        Assert.Equal(s_insights[1].Text, (string?)data["insights"]![1]!["text"]);
    }

    [Fact]
    public async Task MalformedJsonIsSentBackOnceAndTheSecondAnswerIsSaved()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("malformed.completion.json"), RecordedReply.Completion("good.completion.json"));

        var (result, workspace, progress) = await DraftAsync(server.Endpoint);

        Assert.Equal(DraftOutcome.Created, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("asking again with 1 problem", progress);
        var retry = JsonNode.Parse(server.Requests[1].Body)!["messages"]!.AsArray();
        Assert.Equal(["system", "user", "assistant", "user"], retry.Select(m => (string?)m!["role"]));
        Assert.StartsWith("{\"title\":\"Maya's first international flight\"", TextOf(retry[2]!), StringComparison.Ordinal);
        Assert.StartsWith("Your answer has 1 problem (", TextOf(retry[3]!), StringComparison.Ordinal);
        // The recorded answer stopped at the output limit (finish_reason "length"), so the retry says it was cut off.
        Assert.Contains("- the answer was cut off at the model's output limit before the draft was complete (the answer is not a readable draft", TextOf(retry[3]!), StringComparison.Ordinal);
        Assert.NotNull(await workspace.Documents.ReadAsync(DocumentKind.Journey, "first-flight"));
    }

    [Fact]
    public async Task ASchemaViolatingAnswerIsFixedOnTheRetryWhichCarriesTheProblemsWithAnswerPaths()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("invalid.completion.json"), RecordedReply.Completion("good.completion.json"));

        var (result, _, progress) = await DraftAsync(server.Endpoint);

        Assert.Equal(DraftOutcome.Created, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.Contains("asking again with 2 problems", progress);
        var retry = TextOf(JsonNode.Parse(server.Requests[1].Body)!["messages"]![3]!);
        var lines = retry.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Contains(lines, l => l.StartsWith("- stages[1].touchpoints[0].channel: ", StringComparison.Ordinal) && l.Contains("kiosk", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("- stages[1].kpis[0].metric: ", StringComparison.Ordinal) && l.Contains("bookings", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAnswerStillWrongAfterTheRetryFailsAsInvalidWithItsProblemsAndWritesNothing()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("invalid.completion.json"), RecordedReply.Completion("invalid.completion.json"));

        var (result, workspace, _) = await DraftAsync(server.Endpoint);

        Assert.Equal(DraftOutcome.Failed, result.Outcome);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(DraftFailureKind.Invalid, result.Failure!.Kind);
        Assert.Equal("the model's answer does not make a valid journey, also after asking again (2 problems); nothing was written.", result.Failure.Message);
        Assert.Equal(["stages[1].kpis[0].metric", "stages[1].touchpoints[0].channel"], result.Failure.Diagnostics.Select(d => d.Path).Order(StringComparer.Ordinal));
        await AssertNothingWrittenAsync(workspace);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task AnUnreadableAnswerAfterTheRetryFailsAsUnusable()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("malformed.completion.json"), RecordedReply.Completion("malformed.completion.json"));

        var (result, workspace, _) = await DraftAsync(server.Endpoint);

        Assert.Equal(DraftFailureKind.Unusable, result.Failure!.Kind);
        Assert.StartsWith("the model's answer is not a readable draft, also after asking again (the answer was cut off at the model's output limit", result.Failure.Message, StringComparison.Ordinal);
        await AssertNothingWrittenAsync(workspace);
    }

    [Fact]
    public async Task AnAnswerSlowerThanTheTimeoutFailsAsTimedOutAndWritesNothing()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("good.completion.json", delay: TimeSpan.FromSeconds(30)));

        var (result, workspace, progress) = await DraftAsync(server.Endpoint, timeout: TimeSpan.FromSeconds(2));

        Assert.Equal(DraftFailureKind.TimedOut, result.Failure!.Kind);
        Assert.Equal(
            $"the model at {server.Endpoint} gave no answer within 2 s; nothing was written. Try again, use a smaller or faster model, or allow more time with WAYFINDER_MODEL_TIMEOUT (seconds).",
            result.Failure.Message);
        // Said about every second while waiting (the exact seconds depend on the machine's load).
        Assert.Contains(progress, p => p.StartsWith("waiting for the model (", StringComparison.Ordinal) && p.EndsWith(" s)", StringComparison.Ordinal) && p != "waiting for the model (0 s)");
        await AssertNothingWrittenAsync(workspace);
    }

    [Fact]
    public async Task AModelRefusalFailsAsRefusedInTheModelsWords()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("refusal.completion.json"));

        var (result, workspace, _) = await DraftAsync(server.Endpoint);

        Assert.Equal(DraftFailureKind.Refused, result.Failure!.Kind);
        Assert.Equal("the model refused to write the draft: \"I'm sorry, I can't help with drafting this journey.\"; nothing was written. Rephrase the scenario or goal, or use another model.", result.Failure.Message);
        Assert.Single(server.Requests);
        await AssertNothingWrittenAsync(workspace);
    }

    [Fact]
    public async Task AContentFilterStopFailsAsRefused()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("content-filter.completion.json"));

        var (result, _, _) = await DraftAsync(server.Endpoint);

        Assert.Equal(DraftFailureKind.Refused, result.Failure!.Kind);
        Assert.StartsWith("the endpoint's content filter stopped the model's answer", result.Failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, DraftFailureKind.Refused, "refused the key (HTTP 401); check WAYFINDER_MODEL_KEY")]
    [InlineData(403, DraftFailureKind.Refused, "refused the key (HTTP 403)")]
    [InlineData(429, DraftFailureKind.Refused, "too many requests or the quota is used up (HTTP 429)")]
    [InlineData(404, DraftFailureKind.NotConfigured, "has no model \"gpt-4o-mini\" or no chat completions (HTTP 404)")]
    [InlineData(500, DraftFailureKind.Unreachable, "failed to answer (HTTP 500)")]
    public async Task AnHttpErrorIsAPlainFailureThatNeverShowsTheKey(int status, DraftFailureKind kind, string words)
    {
        // Servers echo the key they were given; the message must not.
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Error(status, $"Incorrect API key provided: {Key}."));

        var (result, workspace, progress) = await DraftAsync(server.Endpoint);

        Assert.Equal(kind, result.Failure!.Kind);
        Assert.Contains($"the endpoint {server.Endpoint} ", result.Failure.Message.Replace("the model endpoint", "the endpoint", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(words, result.Failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, result.Failure.Message, StringComparison.Ordinal);
        Assert.All(progress, p => Assert.DoesNotContain(Key, p, StringComparison.Ordinal));
        Assert.Single(server.Requests);
        await AssertNothingWrittenAsync(workspace);
    }

    [Fact]
    public async Task AnEndpointWhereNothingListensFailsAsUnreachable()
    {
        var endpoint = new Uri($"http://127.0.0.1:{FreePort()}/v1");

        var (result, workspace, _) = await DraftAsync(endpoint);

        Assert.Equal(DraftFailureKind.Unreachable, result.Failure!.Kind);
        Assert.Equal(
            $"the model endpoint {endpoint} cannot be reached (nothing answers there, or the host name is unknown); nothing was written. Check that the model server is running and that WAYFINDER_MODEL_ENDPOINT is its address.",
            result.Failure.Message);
        await AssertNothingWrittenAsync(workspace);
    }

    [Theory]
    [InlineData("<html><body>Welcome to nginx!</body></html>")]
    [InlineData("{}")]
    [InlineData("{\"choices\": \"none\"}")]
    public async Task AReplyThatIsNotAChatCompletionFailsAsUnusable(string body)
    {
        await using var server = await RecordedAnswerServer.StartAsync(new RecordedReply(200, body));

        var (result, workspace, _) = await DraftAsync(server.Endpoint);

        Assert.Equal(DraftFailureKind.Unusable, result.Failure!.Kind);
        Assert.Equal($"the endpoint {server.Endpoint} did not answer with a chat completion; check that {ModelSettings.EndpointVariable} is the base address of an OpenAI-compatible API (often ending in /v1).", result.Failure.Message);
        await AssertNothingWrittenAsync(workspace);
    }

    [Fact]
    public async Task AnUnknownHostFailsAsUnreachable()
    {
        var (result, _, _) = await DraftAsync(new Uri("http://nothing-here.invalid/v1"));

        Assert.Equal(DraftFailureKind.Unreachable, result.Failure!.Kind);
        Assert.StartsWith("the model endpoint http://nothing-here.invalid/v1 cannot be reached", result.Failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithNoKeyThePlaceholderIsSentForLocalServers()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("good.completion.json"));

        var (result, _, _) = await DraftAsync(server.Endpoint, key: null);

        Assert.Equal(DraftOutcome.Created, result.Outcome);
        Assert.Equal("Bearer " + ModelDrafter.PlaceholderKey, Assert.Single(server.Requests).Authorization);
    }

    [Fact]
    public async Task WithNoEndpointTheModelDrafterSaysWhichVariablesToSet()
    {
        using var services = DraftWorkspaces.Services(new ModelSettings());
        var workspace = DraftWorkspaces.Create();

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, Request());

        Assert.Equal(DraftFailureKind.NotConfigured, result.Failure!.Kind);
        Assert.StartsWith("no language model is configured: set WAYFINDER_MODEL_ENDPOINT and WAYFINDER_MODEL (e.g. ", result.Failure.Message, StringComparison.Ordinal);
        await AssertNothingWrittenAsync(workspace);
    }

    [Fact]
    public async Task TheRequestsModelOverridesTheConfiguredOne()
    {
        await using var server = await RecordedAnswerServer.StartAsync(RecordedReply.Completion("good.completion.json"));
        using var services = DraftWorkspaces.Services(new ModelSettings { Endpoint = server.Endpoint, Model = ModelName });
        var workspace = DraftWorkspaces.Create(insights: s_insights);

        var result = await services.GetRequiredService<DraftingService>().DraftAsync(workspace, Request() with { Model = "llama3.1:8b" });

        Assert.Equal("llama3.1:8b", result.Model);
        Assert.Equal("llama3.1:8b", (string?)JsonNode.Parse(Assert.Single(server.Requests).Body)!["model"]);
        var (loaded, _) = await workspace.Documents.LoadAsync();
        Assert.Equal("llama3.1:8b", loaded.FindJourney("first-flight")!.Draft!.Model);
    }

    /// <summary>A message's text: OpenAI clients send it as a string or as a list of text parts.</summary>
    internal static string TextOf(JsonNode message)
    {
        var content = message["content"]!;
        return content is JsonArray parts ? string.Concat(parts.Select(p => (string?)p!["text"])) : (string)content!;
    }

    private static async Task AssertNothingWrittenAsync(WorkspaceStores workspace)
    {
        var entries = await workspace.Documents.ListAsync();
        Assert.Equal(["personas/maya.yaml"], entries.Select(e => e.File));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Collects progress as it is reported (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class ProgressLog : IProgress<DraftProgress>
    {
        private readonly Lock _lock = new();

        public List<string> Messages { get; } = [];

        public void Report(DraftProgress value)
        {
            lock (_lock)
            {
                Messages.Add(value.Message);
            }
        }
    }
}
