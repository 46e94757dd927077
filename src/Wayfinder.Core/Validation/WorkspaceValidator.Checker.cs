namespace Wayfinder.Core.Validation;

using System.Text.RegularExpressions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Filters;
using Wayfinder.Core.Workspaces;

public static partial class WorkspaceValidator
{
    /// <summary>One validation run: the workspace, the names it knows, and where to report.</summary>
    private sealed class Checker(Workspace workspace, DateOnly today, ValidationResult result)
    {
        private readonly HashSet<string> _channels = Ids(workspace.Config.Channels.Select(c => c.Id));
        private readonly HashSet<string> _competitors = Ids(workspace.Config.Competitors.Select(c => c.Id));
        private readonly HashSet<string> _personas = Ids(workspace.Personas.Select(p => p.Document.Id));
        private readonly HashSet<string> _journeys = Ids(workspace.Journeys.Select(j => j.Document.Id));
        private readonly HashSet<string> _workspaceEvidence = Ids(workspace.Config.Evidence.Select(e => e.Id));

        private int DefaultCadence => workspace.Config.Defaults.ReviewCadenceDays;

        public void Run()
        {
            CheckConfig();
            var personas = workspace.Personas.Select(p => (p.Document, Context: Open(p.File, p.Text, typeof(Persona)))).ToList();
            var journeys = workspace.Journeys.Select(j => (j.Document, Context: Open(j.File, j.Text, typeof(Journey)))).ToList();
            var valueGaps = workspace.ValueGaps.Select(v => (v.Document, Context: Open(v.File, v.Text, typeof(ValueGapMap)))).ToList();

            CheckUniqueAcrossFiles(personas.Select(p => ((IDocument)p.Document, p.Context)), "persona");
            CheckUniqueAcrossFiles(journeys.Select(j => ((IDocument)j.Document, j.Context)), "journey");
            CheckUniqueAcrossFiles(valueGaps.Select(v => ((IDocument)v.Document, v.Context)), "value gap map");

            foreach (var (persona, context) in personas)
            {
                CheckPersona(persona, context);
                CheckElementIds(persona, context);
            }

            foreach (var (journey, context) in journeys)
            {
                CheckJourney(journey, context);
                CheckElementIds(journey, context);
            }

            foreach (var (valueGap, context) in valueGaps)
            {
                CheckValueGap(valueGap, context);
                CheckElementIds(valueGap, context);
            }
        }

        private FileContext Open(string file, string text, Type type)
        {
            var map = SourceMap.Parse(text);
            if (StructureChecker.SyntaxDiagnostic(map, file) is { } syntax)
            {
                result.Add(syntax);
            }
            else
            {
                result.AddRange(StructureChecker.Check(map, type, file));
            }

            return new FileContext(file, map, result);
        }

        private void CheckUniqueAcrossFiles(IEnumerable<(IDocument Document, FileContext Context)> documents, string noun)
        {
            var first = new Dictionary<string, FileContext>(StringComparer.Ordinal);
            foreach (var (document, context) in documents)
            {
                context.CheckId("id", document.Id, noun);
                if (string.IsNullOrEmpty(document.Id))
                {
                    continue;
                }

                if (first.TryGetValue(document.Id, out var earlier))
                {
                    context.Report("id", "duplicate-id", $"duplicate {noun} id \"{document.Id}\" (also in {earlier.File}:{earlier.Map.ValueAt("id")}); give each {noun} its own id");
                }
                else
                {
                    first[document.Id] = context;
                }
            }
        }

        private void CheckConfig()
        {
            if (workspace.ConfigText.Length == 0)
            {
                return;
            }

            var context = Open(WorkspaceLoader.ConfigFileName, workspace.ConfigText, typeof(WorkspaceConfig));
            var config = workspace.Config;
            CheckIds(context, "channels", config.Channels.Select(c => c.Id), "channel");
            CheckIds(context, "competitors", config.Competitors.Select(c => c.Id), "competitor");
            CheckIds(context, "data_sources", config.DataSources.Select(d => d.Id), "data source");
            CheckIds(context, "evidence", config.Evidence.Select(e => e.Id), "evidence");
            for (var i = 0; i < config.Channels.Count; i++)
            {
                if (config.Channels[i].Glyph is { } glyph && !ChannelGlyphs.IsKnown(glyph))
                {
                    context.Warn($"channels[{i}].glyph", "unknown-glyph", UnknownMessage(glyph, ChannelGlyphs.Names, "a glyph renderings can draw (without one the channel is drawn plain)"));
                }
            }

            for (var i = 0; i < config.Competitors.Count; i++)
            {
                if (config.Competitors[i].Color is { } color && !HexColor.IsValid(color))
                {
                    context.Report($"competitors[{i}].color", "invalid-color", $"\"{color}\" is not a colour renderings can draw; write {HexColor.Form}");
                }
                else if (ChartColors.Collision(config.Competitors[i].Color) is { } taken)
                {
                    context.Warn($"competitors[{i}].color", "reserved-color", ReservedColorMessage(config.Competitors, i, taken));
                }
            }

            for (var i = 0; i < config.DataSources.Count; i++)
            {
                var source = config.DataSources[i];
                context.CheckReference($"data_sources[{i}].format", source.Format, DataFormats.Names, "unknown-format", "a data format Wayfinder reads");
                context.CheckReference($"data_sources[{i}].preset", source.Preset, DataSourcePresets.Names, "unknown-preset", "a column-mapping preset");
                CheckTimes(context, $"data_sources[{i}]", source);
            }

            foreach (var problem in BrandCheck.Problems(config.Brand, workspace.Root))
            {
                context.Report(problem.Path, problem.Code, problem.Message, problem.Severity);
            }

            var defaults = config.Defaults;
            CheckPositive(context, "defaults.funnel_window_days", defaults.FunnelWindowDays);
            CheckPositive(context, "defaults.inactivity_days", defaults.InactivityDays);
            CheckPositive(context, "defaults.review_cadence_days", defaults.ReviewCadenceDays);
        }

        /// <summary>Which reserved colour a competitor's colour is taken for, and the colour the value gap chart draws it in instead.</summary>
        private static string ReservedColorMessage(IReadOnlyList<Competitor> competitors, int index, (string Color, string Use) taken)
        {
            var competitor = competitors[index];
            var reserved = string.Join(", ", ChartColors.Reserved.Select(r => $"{r.Color} ({r.Use})"));
            var near = string.Equals(competitor.Color, taken.Color, StringComparison.OrdinalIgnoreCase) ? "is" : $"is too close to {taken.Color},";
            return $"competitor \"{competitor.Name}\" ({competitor.Id}): {competitor.Color} {near} the value gap chart's colour for {taken.Use}, " +
                $"so the chart draws {competitor.Name} in {ChartColors.Drawn(competitors)[index]} instead; choose a colour at least {ChartColors.MinDistance} (RGB distance) from {reserved}";
        }

        /// <summary>The mapping's timestamp unit and format, and the bad-row limit: each one a reader can use.</summary>
        private static void CheckTimes(FileContext context, string path, DataSource source)
        {
            if (source.Mapping.GetValueOrDefault(TimestampFormats.UnitKey) is { } unit)
            {
                context.CheckReference($"{path}.mapping.{TimestampFormats.UnitKey}", unit, TimestampFormats.Units, "unknown-timestamp-unit", "a unit of epoch numbers");
            }

            if (source.Mapping.GetValueOrDefault(TimestampFormats.MappingKey) is { } format && TimestampFormats.Problem(format) is { } problem)
            {
                context.Report(
                    $"{path}.mapping.{TimestampFormats.MappingKey}",
                    "bad-timestamp-format",
                    $"\"{format}\" {problem}; write the file's format with .NET's date letters (yyyy year, MM month, dd day, HH:mm:ss time, zzz offset), e.g. {TimestampFormats.MappingKey}: \"{TimestampFormats.FormatExample}\" reads {TimestampFormats.Example(TimestampFormats.FormatExample)} as 1 March 2026 14:05");
            }

            if (source.MaxBadRows < 0)
            {
                context.Report($"{path}.max_bad_rows", "out-of-range", $"{source.MaxBadRows} is not a number of rows; use 0 (any bad row and nothing is stored) or more, e.g. max_bad_rows: 10");
            }
        }

        private static void CheckPositive(FileContext context, string path, int days)
        {
            if (days <= 0)
            {
                context.Report(path, "out-of-range", $"{days} days is not a length of time; use a whole number of days above 0");
            }
        }

        private static void CheckIds(FileContext context, string path, IEnumerable<string?> ids, string noun)
        {
            var list = ids.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                context.CheckId($"{path}[{i}].id", list[i], noun);
            }

            context.CheckUnique(list.Select((id, i) => (id, $"{path}[{i}].id")));
        }

        private HashSet<string> EvidenceOf(IEnumerable<EvidenceLink> own) => [.. _workspaceEvidence, .. Ids(own.Select(e => e.Id))];

        private void CheckPersona(Persona persona, FileContext context)
        {
            var evidence = EvidenceOf(persona.Evidence);
            CheckIds(context, "evidence", persona.Evidence.Select(e => e.Id), "evidence");
            CheckIds(context, "needs", persona.Needs.Select(n => n.Id), "need");
            for (var i = 0; i < persona.Needs.Count; i++)
            {
                var need = persona.Needs[i];
                CheckImportance(context, $"needs[{i}]", need.Importance);
                context.CheckEvidence($"needs[{i}].evidence", need.Evidence, evidence);
            }

            CheckTraits(context, "goals", persona.Goals, evidence);
            CheckTraits(context, "motivations", persona.Motivations, evidence);
            CheckTraits(context, "pains", persona.Pains, evidence);
            CheckTraits(context, "gains", persona.Gains, evidence);
            CheckTraits(context, "behaviours", persona.Behaviours, evidence);
            if (persona.EmpathyMap is { } empathy)
            {
                CheckTraits(context, "empathy_map.says", empathy.Says, evidence);
                CheckTraits(context, "empathy_map.thinks", empathy.Thinks, evidence);
                CheckTraits(context, "empathy_map.does", empathy.Does, evidence);
                CheckTraits(context, "empathy_map.feels", empathy.Feels, evidence);
            }

            for (var i = 0; i < persona.Jobs.Count; i++)
            {
                context.CheckEvidence($"jobs[{i}].evidence", persona.Jobs[i].Evidence, evidence);
            }

            for (var i = 0; i < persona.Channels.Count; i++)
            {
                context.CheckReference($"channels[{i}]", persona.Channels[i], _channels, "unknown-channel", "a channel in wayfinder.yaml");
            }

            for (var i = 0; i < persona.CompetitorAttitudes.Count; i++)
            {
                var attitude = persona.CompetitorAttitudes[i];
                context.CheckId($"competitor_attitudes[{i}].id", attitude.Id, "attitude");
                context.CheckReference($"competitor_attitudes[{i}].competitor", attitude.Competitor, _competitors, "unknown-competitor", "a competitor in wayfinder.yaml");
                context.CheckEvidence($"competitor_attitudes[{i}].evidence", attitude.Evidence, evidence);
            }

            if (WorkspaceImages.Load(workspace, persona.Photo).Problem is { } photo)
            {
                context.Report("photo", "bad-photo", photo);
            }

            context.CheckFilter("segment", persona.Segment, "segment");
            context.CheckReview(persona.Review, today, DefaultCadence);
        }

        private static void CheckTraits(FileContext context, string path, List<Trait> traits, HashSet<string> evidence)
        {
            for (var i = 0; i < traits.Count; i++)
            {
                context.CheckId($"{path}[{i}].id", traits[i].Id, "trait");
                context.CheckEvidence($"{path}[{i}].evidence", traits[i].Evidence, evidence);
            }
        }

        private static void CheckImportance(FileContext context, string path, int importance) =>
            context.CheckRange($"{path}.importance", importance, 1, 5, "importance", "importance runs from 1 (nice to have) to 5 (critical)");

        private void CheckValueGap(ValueGapMap map, FileContext context)
        {
            var evidence = EvidenceOf(map.Evidence);
            CheckIds(context, "evidence", map.Evidence.Select(e => e.Id), "evidence");
            context.CheckReference("persona", map.Persona, _personas, "unknown-persona", "a persona in this workspace");
            for (var i = 0; i < map.Competitors.Count; i++)
            {
                context.CheckReference($"competitors[{i}]", map.Competitors[i], _competitors, "unknown-competitor", "a competitor in wayfinder.yaml");
            }

            if (map.ScaleMax <= 1)
            {
                context.Report("scale_max", "out-of-range", $"scale_max {Number(map.ScaleMax)} leaves no room for ratings; ratings run from 1 to scale_max, usually 5 or 10");
            }

            CheckIds(context, "needs", map.Needs.Select(n => n.Id), "need");
            var ratingMeaning = $"ratings run from 1 (poor) to {Number(map.ScaleMax)} (excellent), the map's scale_max";
            for (var i = 0; i < map.Needs.Count; i++)
            {
                var need = map.Needs[i];
                var path = $"needs[{i}]";
                CheckImportance(context, path, need.Importance);
                if (context.Map.Node($"{path}.ours") is not null)
                {
                    context.CheckRange($"{path}.ours", need.Ours, 1, map.ScaleMax, "rating", ratingMeaning);
                }

                foreach (var (competitor, rating) in need.Ratings)
                {
                    var ratingPath = $"{path}.ratings.{competitor}";
                    if (!_competitors.Contains(competitor))
                    {
                        context.Report(ratingPath, "unknown-competitor", UnknownMessage(competitor, _competitors, "a competitor in wayfinder.yaml"), at: context.Map.KeyAt(ratingPath));
                    }

                    context.CheckRange(ratingPath, rating, 1, map.ScaleMax, "rating", ratingMeaning);
                }

                context.CheckEvidence($"{path}.evidence", need.Evidence, evidence);
            }

            context.CheckReview(map.Review, today, DefaultCadence);
        }

        private void CheckJourney(Journey journey, FileContext context)
        {
            var evidence = EvidenceOf(journey.Evidence);
            CheckIds(context, "evidence", journey.Evidence.Select(e => e.Id), "evidence");
            for (var i = 0; i < journey.Personas.Count; i++)
            {
                context.CheckReference($"personas[{i}]", journey.Personas[i], _personas, "unknown-persona", "a persona in this workspace");
            }

            CheckStateAndSubject(journey, context);
            var stageIds = CheckStages(journey, context);
            if (journey.Timeline is { } timeline)
            {
                for (var p = 0; p < timeline.Phases.Count; p++)
                {
                    var phase = timeline.Phases[p];
                    for (var s = 0; s < phase.Stages.Count; s++)
                    {
                        context.CheckReference($"timeline.phases[{p}].stages[{s}]", phase.Stages[s], stageIds, "unknown-stage", "a stage of this journey");
                    }
                }
            }

            CheckLanes(journey, context, evidence);
            CheckEventClaims(journey, context);
            context.CheckReview(journey.Review, today, DefaultCadence);
        }

        private void CheckStateAndSubject(Journey journey, FileContext context)
        {
            if (journey.State == JourneyState.Future)
            {
                if (string.IsNullOrEmpty(journey.CurrentMap))
                {
                    context.Report("current_map", "missing-current-map", "a future map needs current_map: the id of the current map it improves on", at: context.Map.ValueAt("state"));
                }
                else if (context.CheckReference("current_map", journey.CurrentMap, _journeys, "unknown-journey", "a journey in this workspace")
                    && workspace.FindJourney(journey.CurrentMap) is { State: JourneyState.Future })
                {
                    context.Report("current_map", "current-map-is-future", $"\"{journey.CurrentMap}\" is itself a future map; current_map names the current map this one improves on");
                }
            }
            else if (journey.CurrentMap is not null)
            {
                context.Warn("current_map", "current-map-on-current", "current_map only applies to a future map; set state: future or remove current_map");
            }

            if (journey.Subject is { Kind: SubjectKind.Competitor } subject)
            {
                if (string.IsNullOrEmpty(subject.Competitor))
                {
                    context.Report("subject.competitor", "missing-competitor", "a competitor's journey needs subject.competitor: the competitor's id from wayfinder.yaml", at: context.Map.ValueAt("subject.kind"));
                }
                else
                {
                    context.CheckReference("subject.competitor", subject.Competitor, _competitors, "unknown-competitor", "a competitor in wayfinder.yaml");
                }
            }
        }

        private HashSet<string> CheckStages(Journey journey, FileContext context)
        {
            var stageIds = Ids(journey.Stages.Select(s => s.Id));
            CheckIds(context, "stages", journey.Stages.Select(s => s.Id), "stage");
            for (var i = 0; i < journey.Stages.Count; i++)
            {
                var stage = journey.Stages[i];
                var path = $"stages[{i}]";
                if (stage.LoopsTo is { } loop && context.CheckReference($"{path}.loops_to", loop, stageIds, "unknown-stage", "a stage of this journey"))
                {
                    var target = journey.Stages.FindIndex(s => s.Id == loop);
                    if (target >= i)
                    {
                        var earlier = journey.Stages.Take(i).Select(s => s.Id).ToList();
                        var choice = earlier.Count == 0 ? "the first stage cannot loop back" : $"name one of {string.Join(", ", earlier)}";
                        context.Report($"{path}.loops_to", "loop-not-earlier", $"loops_to \"{loop}\" is not an earlier stage; a stage loops back to a stage before it: {choice}");
                    }
                }

                CheckSubJourney(context, $"{path}.sub_journey", stage.SubJourney, journey.Id);
                CheckIds(context, $"{path}.steps", stage.Steps.Select(s => s.Id), "step");
                var stepIds = Ids(stage.Steps.Select(s => s.Id));
                for (var j = 0; j < stage.Steps.Count; j++)
                {
                    var step = stage.Steps[j];
                    for (var n = 0; n < step.Next.Count; n++)
                    {
                        context.CheckReference($"{path}.steps[{j}].next[{n}]", step.Next[n], stepIds, "unknown-step", $"a step of stage \"{stage.Id}\"");
                    }

                    CheckSubJourney(context, $"{path}.steps[{j}].sub_journey", step.SubJourney, journey.Id);
                }
            }

            return stageIds;
        }

        private void CheckSubJourney(FileContext context, string path, string? subJourney, string journeyId)
        {
            if (subJourney is null)
            {
                return;
            }

            if (subJourney == journeyId)
            {
                context.Report(path, "sub-journey-self", $"sub_journey \"{subJourney}\" is this journey; name a more detailed journey");
                return;
            }

            context.CheckReference(path, subJourney, _journeys, "unknown-journey", "a journey in this workspace");
        }

        private void CheckLanes(Journey journey, FileContext context, HashSet<string> evidence)
        {
            CheckIds(context, "lanes", journey.Lanes.Select(l => l.Id), "lane");
            var items = journey.Lanes.SelectMany((lane, l) => lane.Items.Select((item, i) => (item, Path: $"lanes[{l}].items[{i}]"))).ToList();
            foreach (var (item, path) in items)
            {
                context.CheckId($"{path}.id", item.Id, "item");
            }

            context.CheckUnique(items.Select(x => (x.item.Id, $"{x.Path}.id")));
            var itemIds = Ids(items.Select(x => x.item.Id));
            var painPointIds = Ids(journey.Lanes.Where(l => l.Type == LaneType.PainPoints).SelectMany(l => l.Items).Select(i => i.Id));
            for (var l = 0; l < journey.Lanes.Count; l++)
            {
                var lane = journey.Lanes[l];
                for (var i = 0; i < lane.Items.Count; i++)
                {
                    CheckItem(journey, context, lane, lane.Items[i], $"lanes[{l}].items[{i}]", evidence, painPointIds.Count > 0 ? painPointIds : itemIds);
                }
            }
        }

        private void CheckItem(Journey journey, FileContext context, Lane lane, LaneItem item, string path, HashSet<string> evidence, HashSet<string> addressable)
        {
            var isTouchpoint = lane.Type == LaneType.Touchpoints;
            var stage = journey.Stages.Find(s => s.Id == item.Stage);
            if (item.Stage is not null && stage is null)
            {
                context.Report($"{path}.stage", isTouchpoint ? "touchpoint-no-stage" : "unknown-stage",
                    (isTouchpoint ? "a touchpoint in no stage: " : "") + UnknownMessage(item.Stage, Ids(journey.Stages.Select(s => s.Id)), "a stage of this journey"));
            }

            if (stage is not null && item.Step is { } step)
            {
                context.CheckReference($"{path}.step", step, Ids(stage.Steps.Select(s => s.Id)), "unknown-step", $"a step of stage \"{stage.Id}\"");
            }

            if (isTouchpoint && item.Channel is null)
            {
                context.Warn($"{path}.channel", "missing-channel", $"this touchpoint has no channel; add channel: {(_channels.Count > 0 ? "<one of " + string.Join(", ", _channels.Take(8)) + ">" : "<a channel id from wayfinder.yaml>")}");
            }

            context.CheckReference($"{path}.channel", item.Channel, _channels, "unknown-channel", "a channel in wayfinder.yaml");
            var kind = lane.KindOf();
            if (kind.HasPersona || item.Persona is not null)
            {
                context.CheckReference($"{path}.persona", item.Persona, _personas, "unknown-persona", "a persona in this workspace");
            }

            if (item.Score is { } score)
            {
                if (kind.HasScore)
                {
                    context.CheckRange($"{path}.score", score, -2, 2, "score", "an emotion runs from -2 (very negative) to +2 (very positive)");
                }
                else
                {
                    context.Warn($"{path}.score", "score-outside-emotion", $"a score only counts in an emotion lane, and lane \"{lane.Id}\" is a {kind.Id} lane; move the score to an emotion lane or remove it");
                }
            }

            const string Scale = "it runs from 1 (low) to 5 (high)";
            context.CheckRange($"{path}.customer_value", item.CustomerValue, 1, 5, "customer_value", Scale);
            context.CheckRange($"{path}.business_value", item.BusinessValue, 1, 5, "business_value", Scale);
            context.CheckRange($"{path}.effort", item.Effort, 1, 5, "effort", Scale);
            if (item.Target is { } target && KpiTarget.Parse(target).Error is { } targetError)
            {
                context.Report($"{path}.target", "invalid-target", $"the KPI target is not valid: {targetError.Message} (see docs/filters.md)", at: context.Map.InsideScalar($"{path}.target", targetError.Column));
            }

            if (lane.Type == LaneType.Kpis && item.Metric is { } metric && KpiMetric.Resolve(metric, journey).Problem is { } metricProblem)
            {
                context.Report($"{path}.metric", "invalid-metric", $"the KPI metric cannot be measured: {metricProblem} (see docs/metrics.md)");
            }

            for (var a = 0; a < item.Addresses.Count; a++)
            {
                context.CheckReference($"{path}.addresses[{a}]", item.Addresses[a], addressable, "unknown-item", "a pain point id in this journey");
            }

            for (var e = 0; e < item.Events.Count; e++)
            {
                context.CheckFilter($"{path}.events[{e}].where", item.Events[e].Where, "where condition");
            }

            context.CheckEvidence($"{path}.evidence", item.Evidence, evidence);
        }

        /// <summary>
        /// Element ids anchor comments and edits, so each is unique within its document across kinds (a lane item and a
        /// stage, two traits). Duplicates within one list of stages, steps, lanes, items or needs are reported by that
        /// list's own check, so they are not reported twice.
        /// </summary>
        private static void CheckElementIds(IDocument document, FileContext context)
        {
            var first = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var element in ElementIds.List(document))
            {
                if (!first.TryGetValue(element.Id, out var earlier))
                {
                    first[element.Id] = element.Path;
                }
                else if (!CheckedTogether(earlier, element.Path))
                {
                    context.Report($"{element.Path}.id", "duplicate-id",
                        $"duplicate element id \"{element.Id}\" (also at {context.Map.ValueAt(earlier + ".id")}, {earlier}); an id names one element of the document, so give this one its own");
                }
            }
        }

        /// <summary>True when both paths sit in a list whose own uniqueness check already covers them.</summary>
        private static bool CheckedTogether(string a, string b)
        {
            var (listA, listB) = (ListOf(a), ListOf(b));
            return listA == listB && (listA is "stages" or "lanes" or "lanes[].items" or "needs" || listA.EndsWith(".steps", StringComparison.Ordinal));
        }

        /// <summary>The list a path's element sits in: <c>lanes[2].items[0]</c> → <c>lanes[].items</c> (items are checked across lanes).</summary>
        private static string ListOf(string path)
        {
            var list = path[..path.LastIndexOf('[')];
            return list.StartsWith("lanes[", StringComparison.Ordinal) && list.EndsWith("].items", StringComparison.Ordinal) ? "lanes[].items" : list;
        }

        /// <summary>An event maps to at most one touchpoint: report a name two touchpoints claim without telling them apart by where.</summary>
        private static void CheckEventClaims(Journey journey, FileContext context)
        {
            var claims = new List<(EventMatcher Matcher, string Path, int Touchpoint)>();
            var touchpoint = 0;
            for (var l = 0; l < journey.Lanes.Count; l++)
            {
                if (journey.Lanes[l].Type != LaneType.Touchpoints)
                {
                    continue;
                }

                for (var i = 0; i < journey.Lanes[l].Items.Count; i++, touchpoint++)
                {
                    var events = journey.Lanes[l].Items[i].Events;
                    for (var e = 0; e < events.Count; e++)
                    {
                        claims.Add((events[e], $"lanes[{l}].items[{i}].events[{e}]", touchpoint));
                    }
                }
            }

            for (var b = 0; b < claims.Count; b++)
            {
                for (var a = 0; a < b; a++)
                {
                    var (first, second) = (claims[a], claims[b]);
                    if (first.Touchpoint == second.Touchpoint || first.Matcher.Name is null || second.Matcher.Name is null
                        || !NamesClash(first.Matcher.Name, second.Matcher.Name) || ToldApart(first.Matcher.Where, second.Matcher.Where))
                    {
                        continue;
                    }

                    var name = second.Matcher.Name == first.Matcher.Name ? $"event \"{second.Matcher.Name}\"" : $"event pattern \"{second.Matcher.Name}\" overlaps \"{first.Matcher.Name}\", which";
                    context.Report(second.Path, "event-claimed-twice",
                        $"{name} is also claimed by the touchpoint at {first.Path} ({context.Map.ValueAt(first.Path)}); an event maps to at most one touchpoint, so give each a different where condition or remove one");
                    break;
                }
            }
        }

        private static bool NamesClash(string a, string b) =>
            a == b || (!HasWildcard(b) && WildcardMatches(a, b)) || (!HasWildcard(a) && WildcardMatches(b, a));

        private static bool HasWildcard(string pattern) => pattern.IndexOfAny(['*', '?']) >= 0;

        private static bool WildcardMatches(string pattern, string name) =>
            HasWildcard(pattern) && Regex.IsMatch(name, "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));

        /// <summary>Two matchers are told apart when both have where conditions and these differ (compared as canonical filters).</summary>
        private static bool ToldApart(string? a, string? b)
        {
            if (a is null || b is null)
            {
                return false;
            }

            var left = Filter.Parse(a).Expression;
            var right = Filter.Parse(b).Expression;
            return left is null || right is null ? a.Trim() != b.Trim() : !left.Equals(right);
        }
    }
}
