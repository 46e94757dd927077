namespace Wayfinder.Core.Tests.Samples;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Tests.Templates;
using Wayfinder.Core.Workspaces;

public sealed class DemoDataTests
{
    private static readonly IReadOnlyDictionary<string, string> s_files = DemoWorkspace.Files("../../schemas");

    private static List<string[]> Rows(string file) =>
        [.. s_files[file].Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(SplitCsv)];

    private static string[] Header(string file) => s_files[file][..s_files[file].IndexOf('\n', StringComparison.Ordinal)].Split(',');

    private static Journey FirstFlight() => DemoWorkspace.Documents().OfType<Journey>().Single(j => j.Id == "first-flight");

    [Fact]
    public void EveryDataSourceNamesAFileOfTheDemoAndMapsColumnsItHas()
    {
        Assert.All(DemoWorkspace.Config().DataSources, source =>
        {
            Assert.True(s_files.ContainsKey(source.Path), source.Path);
            // `attributes` lists columns (comma-separated); the other keys name one column each.
            var columns = source.Mapping.SelectMany(m => m.Key == "attributes" ? m.Value.Split(',', StringSplitOptions.TrimEntries) : [m.Value]);
            Assert.Subset(Header(source.Path).ToHashSet(), columns.ToHashSet());
        });
        Assert.Equal([DataSourceKind.Events, DataSourceKind.Surveys], DemoWorkspace.Config().DataSources.Select(s => s.Kind));
    }

    [Fact]
    public void EveryEventButPageViewsIsClaimedByExactlyOneTouchpointOfTheFirstFlight()
    {
        var claims = FirstFlight().Lanes.Where(l => l.Type == LaneType.Touchpoints).SelectMany(l => l.Items)
            .SelectMany(i => i.Events.Select(e => (Touchpoint: i.Id!, Pattern: e.Name))).ToList();
        var names = Rows("data/events.csv").Select(r => r[2]).Distinct().ToList();

        Assert.Contains("page_view", names);
        Assert.All(names.Where(n => n != "page_view"), name =>
            Assert.Single(claims.Where(c => JourneyChecks.Matches(c.Pattern, name)).Select(c => c.Touchpoint).Distinct()));
        Assert.DoesNotContain(claims, c => JourneyChecks.Matches(c.Pattern, "page_view"));
    }

    [Fact]
    public void EventsAreInTimeOrderWithinTheDataWindowAndUseKnownChannels()
    {
        var channels = DemoWorkspace.Config().Channels.Select(c => c.Id).ToHashSet();
        var rows = Rows("data/events.csv");
        var times = rows.Select(r => DateTime.Parse(r[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();

        Assert.Equal(["user_id", "event_time", "event_name", "source", "age", "country", "flights_taken"], Header("data/events.csv"));
        Assert.InRange(rows.Select(r => r[0]).Distinct().Count(), 70, 80);
        Assert.Equal(times.Order(), times);
        Assert.True(times[^1] <= DemoWorkspace.DataEnd);
        Assert.All(rows, r => Assert.Contains(r[3], channels));
    }

    [Fact]
    public void CustomersKeepTheSameAttributesOnEveryEvent()
    {
        var perCustomer = Rows("data/events.csv").GroupBy(r => r[0]);

        Assert.All(perCustomer, g => Assert.Single(g.Select(r => string.Join(",", r[4..])).Distinct()));
    }

    [Fact]
    public void SurveyAnswersAskAboutFirstFlightStagesAndTouchpointsWithinTheirScales()
    {
        var journey = FirstFlight();
        var stages = journey.Stages.Select(s => s.Id).ToHashSet();
        var touchpoints = journey.Lanes.SelectMany(l => l.Items).Select(i => i.Id).OfType<string>().ToHashSet();
        var rows = Rows("data/surveys.csv");

        Assert.NotEmpty(rows);
        Assert.All(rows, r =>
        {
            Assert.Contains(r[2], stages);
            Assert.Contains(r[3], touchpoints);
            var score = int.Parse(r[5], CultureInfo.InvariantCulture);
            switch (r[4])
            {
                case "nps": Assert.InRange(score, 0, 10); break;
                case "csat": Assert.InRange(score, 1, 5); break;
                default: Assert.Fail($"unknown metric {r[4]}"); break;
            }
        });
    }

    [Fact]
    public void DataIsTheSameOnEveryCall() =>
        Assert.Equal(s_files["data/events.csv"], DemoWorkspace.Files("x")["data/events.csv"]);

    // The demo's CSV quotes only fields holding commas or quotes.
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
