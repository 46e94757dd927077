namespace Wayfinder.Evidence.Tests.Metrics;

using System.Text.Json;
using Wayfinder.Core.Templates;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Metrics;
using Wayfinder.Evidence.SampleData;
using Wayfinder.Evidence.Store;

public sealed class DeterminismTests
{
    [Fact]
    public void TheSameInputGivesByteIdenticalJsonWhateverTheThreadCount()
    {
        var journey = TemplateCatalog.Journeys.Single(t => t.Id == "ecommerce").Create("shop", "Shop");
        var builder = new EventLogBuilder();
        foreach (var e in EventGenerator.Generate(journey, new GeneratorOptions { Customers = 45_000, Seed = 3 }))
        {
            builder.Add(e.CustomerId, e.TimestampMicros, e.Event, e.Channel);
        }

        var log = builder.Build();
        var mapping = JourneyMapping.Build(journey, log);

        var json = new[] { 1, 2, 3 }.Select(threads => JsonSerializer.Serialize(JourneyAnalyzer.Analyze("shop", log, mapping, threads: threads))).ToList();

        Assert.Equal(json[0], json[1]);
        Assert.Equal(json[0], json[2]);
        Assert.Contains("\"Funnel\"", json[0], StringComparison.Ordinal);
    }
}
