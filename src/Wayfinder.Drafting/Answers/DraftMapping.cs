namespace Wayfinder.Drafting.Answers;

using System.Globalization;
using System.Text.RegularExpressions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Evidence.Surveys;

/// <summary>
/// A draft answer made into a journey, in code: ids from names (unique), the lanes in map order, insight citations as
/// evidence links, the <c>drafted</c> tag and the draft note. It also remembers which part of the answer each part of
/// the journey came from, so the validator's problems can be said back to a model in the answer's own terms.
/// </summary>
public static partial class DraftMapping
{
    /// <summary>The tag every drafted map carries until the team has reviewed it.</summary>
    public const string DraftedTag = "drafted";

    /// <summary>The lanes a draft has, in map order.</summary>
    public static IReadOnlyList<LaneType> Lanes { get; } =
        [LaneType.Actions, LaneType.Questions, LaneType.Thoughts, LaneType.Touchpoints, LaneType.Emotion, LaneType.PainPoints, LaneType.Opportunities, LaneType.Kpis];

    /// <summary>The evidence id an insight is cited under.</summary>
    public static string EvidenceIdOf(string insightId)
    {
        var slug = Slug.From(insightId);
        return slug.StartsWith("insight-", StringComparison.Ordinal) ? slug : "insight-" + (slug.Length > 0 ? slug : "x");
    }

    /// <summary>
    /// The journey <paramref name="answer"/> makes for <paramref name="context"/>, the problems only the mapping can see
    /// (a loop to a stage that does not exist, a citation of an unknown insight, an opportunity for an unknown pain point),
    /// and the path translation from the journey back to the answer.
    /// </summary>
    public static MappedDraft ToJourney(DraftAnswer answer, DraftContext context, DraftNote note)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(context);
        var builder = new Builder(context);
        return builder.Build(answer, note);
    }

    private sealed class Builder(DraftContext context)
    {
        private readonly HashSet<string> _used = new(StringComparer.Ordinal);
        private readonly Dictionary<LaneType, List<(LaneItem Item, string From)>> _items = [];
        private readonly List<Diagnostic> _problems = [];
        private readonly Dictionary<string, Insight> _insights = context.Insights.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        private readonly SortedDictionary<string, EvidenceLink> _evidence = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _painIds = new(StringComparer.Ordinal);
        private readonly Dictionary<(int Stage, int Pain), string> _painIdsAt = [];

        public MappedDraft Build(DraftAnswer answer, DraftNote note)
        {
            var stageIds = answer.Stages.Select((s, i) => Unique(s.Name, $"stage-{i + 1}")).ToList();
            var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < answer.Stages.Count; i++)
            {
                byName.TryAdd(answer.Stages[i].Name.Trim(), i);
                byName.TryAdd(stageIds[i], i);
            }

            // Pain ids first: an opportunity may address a pain point of a later stage.
            for (var s = 0; s < answer.Stages.Count; s++)
            {
                for (var p = 0; p < answer.Stages[s].PainPoints.Count; p++)
                {
                    var pain = answer.Stages[s].PainPoints[p];
                    var id = Unique(pain.Id, "pain");
                    _painIdsAt[(s, p)] = id;
                    _painIds.TryAdd(pain.Id.Trim(), id);
                    _painIds.TryAdd(id, id);
                }
            }

            var stages = new List<Stage>();
            for (var s = 0; s < answer.Stages.Count; s++)
            {
                stages.Add(MapStage(answer.Stages[s], s, stageIds, byName));
            }

            var lanes = Lanes.Select(type => new Lane
            {
                Id = LaneKinds.Of(type).DefaultLaneId,
                Type = type,
                Items = [.. (_items.GetValueOrDefault(type) ?? []).Select(x => x.Item)],
            }).ToList();

            var paths = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var l = 0; l < Lanes.Count; l++)
            {
                var items = _items.GetValueOrDefault(Lanes[l]) ?? [];
                for (var i = 0; i < items.Count; i++)
                {
                    paths[$"lanes[{l}].items[{i}]"] = items[i].From;
                }
            }

            var request = context.Request;
            var journey = new Journey
            {
                Id = request.Id,
                Title = string.IsNullOrWhiteSpace(request.Title) ? answer.Title.Trim() : request.Title.Trim(),
                Tags = [DraftedTag],
                BusinessGoal = request.Goal,
                Scenario = request.Scenario,
                Personas = request.Persona is { } persona ? [persona] : [],
                Stages = stages,
                Lanes = lanes,
                Evidence = [.. _evidence.Values],
                Draft = note,
            };
            return new MappedDraft(journey, _problems, paths);
        }

        private Stage MapStage(DraftStage stage, int s, List<string> stageIds, Dictionary<string, int> byName)
        {
            var id = stageIds[s];
            var at = $"stages[{s}]";
            string? loopsTo = null;
            if (stage.LoopsTo is { } loop && loop.Trim().Length > 0)
            {
                if (byName.TryGetValue(loop.Trim(), out var target) && target <= s)
                {
                    loopsTo = stageIds[target];
                }
                else
                {
                    Problem($"{at}.loops_to", $"\"{loop}\" is not the name of this or an earlier stage; use one of: {string.Join(", ", byName.Keys.Take(s + 1))}, or null");
                }
            }

            var steps = stage.Steps.Where(n => n.Trim().Length > 0).Select(n => new Step { Id = Unique($"{id} {n}", $"{id}-step"), Name = n.Trim() }).ToList();
            for (var i = 0; i < stage.Touchpoints.Count; i++)
            {
                var tp = stage.Touchpoints[i];
                Add(LaneType.Touchpoints, $"{at}.touchpoints[{i}]", new LaneItem
                {
                    Id = Unique(tp.Name, "touchpoint"),
                    Stage = id,
                    Text = tp.Name.Trim(),
                    Channel = tp.Channel.Trim().Length > 0 ? tp.Channel.Trim() : null,
                    Events = [.. tp.Events.Where(e => e.Trim().Length > 0).Select(e => EventMatcher.FromString(e.Trim()))],
                });
            }

            AddTexts(LaneType.Actions, stage.Actions, id, $"{at}.actions");
            AddTexts(LaneType.Questions, stage.Questions, id, $"{at}.questions");
            AddTexts(LaneType.Thoughts, stage.Thoughts, id, $"{at}.thoughts");
            Add(LaneType.Emotion, $"{at}.emotion", new LaneItem
            {
                Stage = id,
                Score = stage.Emotion.Score,
                Text = stage.Emotion.Text.Trim().Length > 0 ? stage.Emotion.Text.Trim() : null,
            });
            for (var i = 0; i < stage.PainPoints.Count; i++)
            {
                var pain = stage.PainPoints[i];
                Add(LaneType.PainPoints, $"{at}.pain_points[{i}]", new LaneItem
                {
                    Id = _painIdsAt[(s, i)],
                    Stage = id,
                    Text = pain.Text.Trim(),
                    Evidence = Cite(pain.Insights, $"{at}.pain_points[{i}].insights"),
                });
            }

            for (var i = 0; i < stage.Opportunities.Count; i++)
            {
                var opportunity = stage.Opportunities[i];
                var addresses = new List<string>();
                for (var a = 0; a < opportunity.Addresses.Count; a++)
                {
                    if (_painIds.TryGetValue(opportunity.Addresses[a].Trim(), out var pain))
                    {
                        addresses.Add(pain);
                    }
                    else
                    {
                        Problem($"{at}.opportunities[{i}].addresses[{a}]", $"no pain point has the id \"{opportunity.Addresses[a]}\"; use the id of a pain point of the answer");
                    }
                }

                Add(LaneType.Opportunities, $"{at}.opportunities[{i}]", new LaneItem { Id = Unique(opportunity.Id, "opportunity"), Stage = id, Text = opportunity.Text.Trim(), Addresses = addresses });
            }

            for (var i = 0; i < stage.Kpis.Count; i++)
            {
                var kpi = stage.Kpis[i];
                Add(LaneType.Kpis, $"{at}.kpis[{i}]", new LaneItem { Stage = id, Metric = kpi.Metric.Trim(), Target = kpi.Target.Trim().Length > 0 ? kpi.Target.Trim() : null });
            }

            return new Stage
            {
                Id = id,
                Name = stage.Name.Trim(),
                Goal = stage.Goal.Trim().Length > 0 ? stage.Goal.Trim() : null,
                LoopsTo = loopsTo,
                Steps = steps,
            };
        }

        private void AddTexts(LaneType lane, List<DraftText> texts, string stage, string at)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                Add(lane, $"{at}[{i}]", new LaneItem { Stage = stage, Text = texts[i].Text.Trim(), Evidence = Cite(texts[i].Insights, $"{at}[{i}].insights") });
            }
        }

        private List<string> Cite(List<string> insightIds, string at)
        {
            var cited = new List<string>();
            for (var i = 0; i < insightIds.Count; i++)
            {
                if (!_insights.TryGetValue(insightIds[i].Trim(), out var insight))
                {
                    var known = _insights.Count == 0 ? "there are none, so leave the list empty" : "use one of: " + string.Join(", ", _insights.Keys.Take(20));
                    Problem($"{at}[{i}]", $"no insight has the id \"{insightIds[i]}\"; {known}");
                    continue;
                }

                var evidenceId = EvidenceIdOf(insight.Id);
                _evidence.TryAdd(evidenceId, new EvidenceLink
                {
                    Id = evidenceId,
                    Kind = KindOf(insight.Kind),
                    Title = Shorten(insight.Text, 80),
                    Source = insight.Source,
                    Date = insight.Date,
                });
                if (!cited.Contains(evidenceId, StringComparer.Ordinal))
                {
                    cited.Add(evidenceId);
                }
            }

            return cited;
        }

        private void Add(LaneType lane, string from, LaneItem item)
        {
            if (!_items.TryGetValue(lane, out var list))
            {
                _items[lane] = list = [];
            }

            list.Add((item, from));
        }

        private void Problem(string path, string message) =>
            _problems.Add(new Diagnostic { File = "answer", Path = path, Message = message, Code = "draft-answer" });

        private string Unique(string? text, string fallback)
        {
            var slug = Slug.From(text);
            var id = slug.Length > 0 ? slug : Slug.From(fallback);
            var candidate = id;
            for (var n = 2; !_used.Add(candidate); n++)
            {
                candidate = $"{id}-{n.ToString(CultureInfo.InvariantCulture)}";
            }

            return candidate;
        }
    }

    /// <summary>An insight's kind as written in insight files (interview, support ticket, …) as an evidence kind.</summary>
    public static EvidenceKind KindOf(string kind) =>
        Enum.TryParse<EvidenceKind>(NotLetters().Replace(kind, ""), ignoreCase: true, out var parsed) ? parsed : EvidenceKind.Other;

    /// <summary>The text cut at a word boundary to at most <paramref name="max"/> characters, with an ellipsis when cut.</summary>
    public static string Shorten(string text, int max)
    {
        var trimmed = text.Trim();
        if (trimmed.Length <= max)
        {
            return trimmed;
        }

        var cut = trimmed.LastIndexOf(' ', max - 1);
        return trimmed[..(cut > max / 2 ? cut : max - 1)].TrimEnd() + "…";
    }

    [GeneratedRegex("[^A-Za-z]")]
    private static partial Regex NotLetters();
}

/// <summary>A draft answer as a journey, with the problems the mapping found and where each journey item came from.</summary>
/// <param name="Problems">Problems in the answer itself (paths in the answer's terms).</param>
/// <param name="AnswerPaths">Journey path prefix (e.g. <c>lanes[3].items[0]</c>) → answer path (e.g. <c>stages[1].touchpoints[0]</c>).</param>
public sealed record MappedDraft(Journey Journey, IReadOnlyList<Diagnostic> Problems, IReadOnlyDictionary<string, string> AnswerPaths)
{
    /// <summary>A validator's path on the journey said in the answer's terms (stages keep their index; lane items name their stage and list).</summary>
    public string ToAnswerPath(string journeyPath)
    {
        ArgumentNullException.ThrowIfNull(journeyPath);
        var items = journeyPath.IndexOf("].items[", StringComparison.Ordinal);
        var end = items > 0 ? journeyPath.IndexOf(']', items + 8) : -1;
        if (journeyPath.StartsWith("lanes[", StringComparison.Ordinal) && end > 0 && AnswerPaths.TryGetValue(journeyPath[..(end + 1)], out var answerPath))
        {
            return answerPath + journeyPath[(end + 1)..];
        }

        return journeyPath;
    }
}
