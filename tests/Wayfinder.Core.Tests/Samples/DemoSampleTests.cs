namespace Wayfinder.Core.Tests.Samples;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Tests.Templates;
using Wayfinder.Core.Workspaces;

/// <summary>
/// samples/demo is <see cref="DemoWorkspace.Files"/> on disk. Run the tests with WAYFINDER_UPDATE_SAMPLES=1
/// to rewrite the folder from the code after changing the demo.
/// </summary>
public sealed class DemoSampleTests
{
    // samples/demo sits two folders below the repository root, where schemas/ lives.
    private const string SchemaBase = "../../schemas";

    private static readonly IReadOnlyDictionary<string, string> s_files = DemoWorkspace.Files(SchemaBase);

    public static TheoryData<string> DocumentFiles => [.. s_files.Keys.Where(k => k != WorkspaceLoader.ConfigFileName && k.EndsWith(".yaml", StringComparison.Ordinal))];

    // Rewritten at most once per run, before any test reads the folder.
    private static readonly Lazy<string> s_demoFolder = new(() =>
    {
        var folder = Path.Combine(RepositoryRoot(), "samples", "demo");
        if (Environment.GetEnvironmentVariable("WAYFINDER_UPDATE_SAMPLES") == "1")
        {
            Rewrite(folder);
        }

        return folder;
    });

    private static string DemoFolder => s_demoFolder.Value;

    [Fact]
    public void SamplesDemoFolderEqualsTheDemoWorkspaceFileForFile()
    {
        var folder = DemoFolder;
        var onDisk = Directory.Exists(folder)
            ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllText)
            : [];
        var missing = s_files.Keys.Where(k => !onDisk.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var extra = onDisk.Keys.Where(k => !s_files.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var different = s_files.Keys.Where(k => onDisk.TryGetValue(k, out var text) && text != s_files[k]).Order(StringComparer.Ordinal).ToList();

        Assert.True(
            missing.Count + extra.Count + different.Count == 0,
            $"samples/demo has drifted from DemoWorkspace.Files; run the tests with WAYFINDER_UPDATE_SAMPLES=1 to rewrite it.\n"
            + $"missing: {string.Join(", ", missing)}\nextra: {string.Join(", ", extra)}\ndifferent: {string.Join(", ", different)}");
    }

    [Fact]
    public void DemoHasTheExpectedFiles()
    {
        Assert.Equal(
            [
                "data/events.csv",
                "data/surveys.csv",
                "journeys/airport-check-in.yaml",
                "journeys/corporate-programme.yaml",
                "journeys/first-flight-future.yaml",
                "journeys/first-flight.yaml",
                "personas/business-traveller.yaml",
                "personas/first-time-flyer.yaml",
                "personas/travel-manager.yaml",
                "value-gaps/first-time-flyer-vs-competitors.yaml",
                "wayfinder.yaml",
            ],
            s_files.Keys);
    }

    [Fact]
    public void SchemaLinesArePathsRelativeToEachFile()
    {
        Assert.StartsWith("# yaml-language-server: $schema=../../schemas/workspace.schema.json\n", s_files["wayfinder.yaml"], StringComparison.Ordinal);
        Assert.StartsWith("# yaml-language-server: $schema=../../../schemas/persona.schema.json\n", s_files["personas/first-time-flyer.yaml"], StringComparison.Ordinal);
        Assert.StartsWith("# yaml-language-server: $schema=../../../schemas/journey.schema.json\n", s_files["journeys/first-flight.yaml"], StringComparison.Ordinal);
        Assert.StartsWith("# yaml-language-server: $schema=../../../schemas/value-gap.schema.json\n", s_files["value-gaps/first-time-flyer-vs-competitors.yaml"], StringComparison.Ordinal);
    }

    [Fact]
    public void AbsoluteSchemaBasesAreUsedAsGiven()
    {
        var files = DemoWorkspace.Files("https://wayfinder.example/schemas/v1");

        Assert.StartsWith("# yaml-language-server: $schema=https://wayfinder.example/schemas/v1/persona.schema.json\n", files["personas/first-time-flyer.yaml"], StringComparison.Ordinal);
        Assert.Equal("/opt/schemas", DemoWorkspace.SchemaBaseFor("journeys/x.yaml", "/opt/schemas"));
        Assert.Equal("../schemas", DemoWorkspace.SchemaBaseFor("journeys/x.yaml", "schemas"));
    }

    [Fact]
    public void WorkspaceConfigRoundTripsWithoutItsSchemaLine()
    {
        var text = s_files["wayfinder.yaml"];
        var body = WithoutFirstLine(text);

        Assert.Equal(body, DocumentYaml.Write(DocumentYaml.Read<WorkspaceConfig>(body)));
    }

    [Theory]
    [MemberData(nameof(DocumentFiles))]
    public void DocumentFileRoundTripsWithoutItsSchemaLine(string file)
    {
        var text = s_files[file];
        var body = WithoutFirstLine(text);
        var kind = DocumentYaml.PeekKind(body);

        Assert.NotNull(kind);
        Assert.Equal(WorkspaceLoader.FolderOf(kind.Value), file.Split('/')[0]);
        Assert.Equal(DocumentYaml.SchemaLine(kind.Value, "../../../schemas"), text[..text.IndexOf('\n', StringComparison.Ordinal)]);
        var document = DocumentYaml.Read(body, DocumentYaml.TypeOf(kind.Value))!;
        Assert.Equal(body, DocumentYaml.Write(document));
        Assert.Equal(Path.GetFileNameWithoutExtension(file), ((IDocument)document).Id);
    }

    [Fact]
    public void SampleFilesOnDiskRoundTrip()
    {
        var folder = DemoFolder;
        Assert.True(Directory.Exists(folder), $"no {folder}");
        foreach (var path in Directory.EnumerateFiles(folder, "*.yaml", SearchOption.AllDirectories))
        {
            var body = WithoutFirstLine(File.ReadAllText(path));
            var type = DocumentYaml.PeekKind(body) is { } kind ? DocumentYaml.TypeOf(kind) : typeof(WorkspaceConfig);
            Assert.Equal(body, DocumentYaml.Write(DocumentYaml.Read(body, type)!));
        }
    }

    [Fact]
    public void DemoLoadsAsAWorkspaceFromDisk()
    {
        var (workspace, result) = WorkspaceFolder.Load(DemoFolder);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("Skylark Airways", workspace.Config.Name);
        Assert.Equal(3, workspace.Personas.Count);
        Assert.Equal(4, workspace.Journeys.Count);
        Assert.Single(workspace.ValueGaps);
    }

    [Fact]
    public void DemoJourneysPassTheTemplateChecks()
    {
        var channels = DemoWorkspace.Config().Channels.Select(c => c.Id).ToList();
        Assert.All(Journeys(), j =>
        {
            Assert.Empty(JourneyChecks.DuplicateStageIds(j));
            Assert.Empty(JourneyChecks.DuplicateItemIds(j));
            Assert.Empty(JourneyChecks.BadIds(j));
            Assert.Empty(JourneyChecks.EventsClaimedTwice(j));
            Assert.Empty(JourneyChecks.UnknownChannels(j, channels));
            Assert.Empty(JourneyChecks.AddressesNotNamingPainPoints(j));
            Assert.Empty(JourneyChecks.EmotionsOutOfRange(j));
            Assert.Empty(JourneyChecks.StagesWithoutEmotion(j));
            Assert.Empty(JourneyChecks.DanglingReferences(j));
            Assert.Empty(JourneyChecks.KpisIncomplete(j));
            Assert.Empty(JourneyChecks.KpiStatusesContradictingTheirNumbers(j));
            Assert.Empty(JourneyChecks.KpiMetricsNamingUnknownStagesOrTouchpoints(j));
        });
    }

    [Fact]
    public void DemoReferencesResolveToItsPersonasJourneysAndCompetitors()
    {
        var personas = Documents<Persona>().Select(p => p.Id).ToHashSet();
        var journeys = Journeys().Select(j => j.Id).ToHashSet();
        var competitors = DemoWorkspace.Config().Competitors.Select(c => c.Id).ToHashSet();
        var channels = DemoWorkspace.Config().Channels.Select(c => c.Id).ToHashSet();
        var evidence = DemoWorkspace.Config().Evidence.Select(e => e.Id).ToHashSet();

        Assert.All(Journeys(), j =>
        {
            var local = evidence.Concat(j.Evidence.Select(e => e.Id)).ToHashSet();
            Assert.Subset(personas, j.Personas.ToHashSet());
            Assert.Subset(personas, j.Lanes.SelectMany(l => l.Items).Select(i => i.Persona).OfType<string>().ToHashSet());
            Assert.Subset(journeys, j.Stages.Select(s => s.SubJourney).OfType<string>().ToHashSet());
            Assert.Subset(local, j.Lanes.SelectMany(l => l.Items).SelectMany(i => i.Evidence).ToHashSet());
        });
        Assert.All(Documents<Persona>(), p =>
        {
            Assert.Subset(channels, p.Channels.ToHashSet());
            Assert.Subset(competitors, p.CompetitorAttitudes.Select(a => a.Competitor).ToHashSet());
            var cited = p.Needs.SelectMany(n => n.Evidence)
                .Concat(new[] { p.Goals, p.Motivations, p.Pains, p.Gains, p.Behaviours }.SelectMany(traits => traits.SelectMany(t => t.Evidence)))
                .Concat(p.Jobs.SelectMany(j => j.Evidence))
                .Concat(p.CompetitorAttitudes.SelectMany(a => a.Evidence));
            Assert.Subset(evidence.Concat(p.Evidence.Select(e => e.Id)).ToHashSet(), cited.ToHashSet());
        });
        var map = Assert.Single(Documents<ValueGapMap>());
        Assert.Contains(map.Persona, personas);
        Assert.Equal(competitors, map.Competitors.ToHashSet());
        Assert.All(map.Needs, n => Assert.Equal(competitors, n.Ratings.Keys.ToHashSet()));
    }

    [Fact]
    public void FutureMapImprovesOnTheCurrentMapOfTheSameJourney()
    {
        var current = Journeys().Single(j => j.Id == "first-flight");
        var future = Journeys().Single(j => j.Id == "first-flight-future");

        Assert.Equal(JourneyState.Current, current.State);
        Assert.Equal(JourneyState.Future, future.State);
        Assert.Equal("first-flight", future.CurrentMap);
        Assert.Equal(current.Stages.Select(s => s.Id), future.Stages.Select(s => s.Id));
        Assert.Equal(current.Personas, future.Personas);
        // Designed emotion per stage, current → future: the future map lifts the low points.
        Assert.Equal([0.5, -0.5, -1, -1.5, -1, 0, 1.5, 1, 1], Emotions(current));
        Assert.Equal([1, 0.5, 0.5, 0.5, -0.5, 1, 1.5, 1.5, 1.5], Emotions(future));
        Assert.Contains(Items(future, LaneType.Touchpoints), i => i.Id == "tp-self-bag-drop" && i.Channel == "kiosk");
        Assert.DoesNotContain(Items(future, LaneType.Touchpoints), i => i.Id == "tp-bag-drop");
        Assert.DoesNotContain(Items(future, LaneType.PainPoints), i => i.Id == "pp-bag-drop-queue");
        Assert.All(Items(future, LaneType.Kpis), k => Assert.Null(k.Actual));
    }

    [Fact]
    public void DemoShowsNestingBranchesAndLoops()
    {
        var current = Journeys().Single(j => j.Id == "first-flight");
        var detail = Journeys().Single(j => j.Id == "airport-check-in");

        Assert.Equal("airport-check-in", current.Stages.Single(s => s.Id == "check-in").SubJourney);
        Assert.Equal("plan", current.Stages.Single(s => s.Id == "fly-again").LoopsTo);
        var steps = detail.Stages.Single(s => s.Id == "check-in").Steps.ToDictionary(s => s.Id);
        Assert.Equal(["app-check-in", "desk-check-in"], steps["choose-route"].Next);
        Assert.Equal(["bag-drop"], steps["app-check-in"].Next);
        Assert.Equal(["bag-drop"], steps["desk-check-in"].Next);
        Assert.Equal("app", steps["app-check-in"].Branch);
        Assert.Equal("desk", steps["desk-check-in"].Branch);
    }

    [Fact]
    public void DemoItemsCarryEveryEvidenceGrade()
    {
        var evidence = DemoWorkspace.Config().Evidence;
        var current = Journeys().Single(j => j.Id == "first-flight");
        EvidenceGrade Grade(string id) => EvidenceGrading.Grade(Items(current, LaneType.PainPoints).Single(i => i.Id == id).Evidence, current.Evidence, evidence);

        Assert.Equal(EvidenceGrade.Assumption, Grade("pp-rules-scattered"));
        Assert.Equal(EvidenceGrade.OneSource, Grade("pp-fare-jargon"));
        Assert.Equal(EvidenceGrade.SeveralSources, Grade("pp-bag-drop-queue"));
        Assert.Equal(6, evidence.Select(e => e.Kind).Distinct().Count());
    }

    [Fact]
    public void ExactlyTheTravelManagerPersonaIsStaleOnTheDemoDate()
    {
        var cadence = DemoWorkspace.Config().Defaults.ReviewCadenceDays;

        Assert.Equal(["travel-manager"], Documents<Persona>().Where(p => p.Review!.IsStale(DemoWorkspace.AsOf, cadence)).Select(p => p.Id));
        Assert.All(Journeys(), j => Assert.False(j.Review!.IsStale(DemoWorkspace.AsOf, cadence), j.Id));
    }

    [Fact]
    public void BuyingGroupHasAnEconomicBuyerAndAnEndUser()
    {
        var programme = Journeys().Single(j => j.Id == "corporate-programme");

        Assert.Equal(["travel-manager", "business-traveller"], programme.Personas);
        Assert.StartsWith("Economic buyer", Documents<Persona>().Single(p => p.Id == "travel-manager").Role, StringComparison.Ordinal);
        Assert.StartsWith("End user", Documents<Persona>().Single(p => p.Id == "business-traveller").Role, StringComparison.Ordinal);
        Assert.Equal(["business-traveller", "travel-manager"], Items(programme, LaneType.Roles).Select(i => i.Persona!).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void DemoValueGapMapHasEveryNeedClass()
    {
        var result = ValueGapAnalysis.Analyze(Assert.Single(Documents<ValueGapMap>()));

        var classes = result.Needs.ToDictionary(n => n.NeedId, n => n.Class);
        Assert.Equal(
            new Dictionary<string, NeedClass>
            {
                ["clear-steps"] = NeedClass.Gap,
                ["bag-rules"] = NeedClass.Parity,
                ["total-price"] = NeedClass.Strength,
                ["reassurance"] = NeedClass.Gap,
                ["on-time"] = NeedClass.Parity,
                ["seat-choice"] = NeedClass.OverServed,
                ["free-snacks"] = NeedClass.OverServed,
            },
            classes);
        // Every class a comparison can give; the demo rates every need, so none is without competitor data.
        Assert.Equal(Enum.GetValues<NeedClass>().Where(c => c != NeedClass.NoCompetitorData).ToHashSet(), classes.Values.ToHashSet());
        // Weighted gaps: clear-steps 1.5×5 = 7.5, reassurance 1.0×3 = 3, bag-rules 0.5×5 = 2.5; the rest are ≤ 0.
        Assert.Equal(["clear-steps", "reassurance", "bag-rules", "on-time", "free-snacks", "seat-choice", "total-price"], result.Needs.Select(n => n.NeedId));
        Assert.Equal(13, result.TotalWeightedGap);
    }

    private static IEnumerable<T> Documents<T>() => DemoWorkspace.Documents().OfType<T>();

    private static List<Journey> Journeys() => [.. Documents<Journey>()];

    private static IEnumerable<LaneItem> Items(Journey journey, LaneType type) => journey.Lanes.Where(l => l.Type == type).SelectMany(l => l.Items);

    private static List<double> Emotions(Journey journey) => [.. Items(journey, LaneType.Emotion).Where(i => i.Step is null).Select(i => i.Score!.Value)];

    private static string WithoutFirstLine(string text) => text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];

    private static void Rewrite(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        foreach (var (path, text) in s_files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wayfinder.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Wayfinder.slnx above {AppContext.BaseDirectory}");
    }
}
