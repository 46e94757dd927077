namespace Wayfinder.Evidence.Tests.Analysis;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using static Wayfinder.Evidence.Tests.Metrics.LogFixture;

/// <summary>A persona cut narrows the survey answers to its customers' answers: answers without a customer id are nobody's.</summary>
public sealed class PersonaSurveyTests
{
    private static EventLog Log()
    {
        var builder = new EventLogBuilder();
        builder.Add("u1", Days(0), "a", attributes: [new("plan", "pro")]);
        builder.Add("u2", Days(0), "a", attributes: [new("plan", "free")]);
        builder.Add("u3", Days(1), "b", attributes: [new("plan", "pro")]);
        return builder.Build();
    }

    private static async Task<IReadOnlyList<int>> StageResponses(string? persona, params SurveyResponse[] surveys) =>
        await StageResponses(persona, "plan = \"pro\"", surveys);

    private static async Task<IReadOnlyList<int>> StageResponses(string? persona, string segment, params SurveyResponse[] surveys)
    {
        var workspace = new Workspace
        {
            Root = "/tmp/none",
            Config = new WorkspaceConfig { Name = "t" },
            Personas = [new SourcedDocument<Persona>(new Persona { Id = "pro", Title = "Pro", Segment = segment }, "personas/pro.yaml", "")],
        };
        var report = await JourneyAnalysis.RunAsync(workspace, ThreeStages(), EventStore.InMemory(Log()), SurveyStore.InMemory(surveys), new AnalysisRequest
        {
            PersonaId = persona,
            Today = new DateOnly(2026, 3, 1),
        });
        return [.. report.StageSatisfaction.Select(s => s.Responses)];
    }

    [Fact]
    public async Task AnswersWithoutACustomerIdCountUncutButNotForAPersona()
    {
        SurveyResponse[] anonymous = [new(Days(0), null, "a", null, SurveyMetric.Csat, 4, null), new(Days(1), null, "b", null, SurveyMetric.Csat, 2, null)];

        Assert.Equal([1, 1, 0], await StageResponses(null, anonymous));
        Assert.Equal([0, 0, 0], await StageResponses("pro", anonymous));
    }

    [Fact]
    public async Task APersonaCountsTheAnswersOfItsCustomersOnly()
    {
        // u1 and u3 are pro; u2 is free, u9 has no events at all; one answer has no customer id.
        SurveyResponse[] surveys =
        [
            new(Days(0), "u1", "a", null, SurveyMetric.Csat, 4, null),
            new(Days(0), "u2", "a", null, SurveyMetric.Csat, 1, null),
            new(Days(1), "u3", "b", null, SurveyMetric.Csat, 5, null),
            new(Days(1), "u9", "b", null, SurveyMetric.Csat, 3, null),
            new(Days(1), null, "a", null, SurveyMetric.Csat, 3, null),
        ];

        Assert.Equal([3, 2, 0], await StageResponses(null, surveys));
        Assert.Equal([1, 1, 0], await StageResponses("pro", surveys));
    }

    [Fact]
    public async Task AMalformedSegmentIsRefusedWithOrWithoutAnswersThatNameACustomer()
    {
        SurveyResponse[] named = [new(Days(0), "u1", "a", null, SurveyMetric.Csat, 4, null)];

        var withoutNames = await Assert.ThrowsAsync<ArgumentException>(() => StageResponses("pro", "plan = ", []));
        var withNames = await Assert.ThrowsAsync<ArgumentException>(() => StageResponses("pro", "plan = ", named));

        Assert.Equal("'plan = ' is not a valid filter: column 8: expected a value after '=' at column 8, found the end of the filter", withoutNames.Message);
        Assert.Equal(withoutNames.Message, withNames.Message);
    }
}
