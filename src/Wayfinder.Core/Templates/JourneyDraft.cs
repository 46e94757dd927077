namespace Wayfinder.Core.Templates;

using Wayfinder.Core.Documents;

/// <summary>
/// Builds a journey stage by stage, so a template reads like the map it makes: each call adds an item to
/// the current stage (and step, when one is set), and <see cref="Build"/> turns the items into typed lanes.
/// </summary>
internal sealed class JourneyDraft
{
    private readonly List<Stage> _stages = [];
    private readonly Dictionary<LaneType, List<LaneItem>> _items = [];
    private readonly Dictionary<LaneType, string> _laneNames = [];
    private string? _step;

    private string CurrentStage => _stages.Count > 0 ? _stages[^1].Id : throw new InvalidOperationException("add a stage first");

    public JourneyDraft Stage(string id, string name, string goal, string? loopsTo = null, string? subJourney = null, string? description = null)
    {
        _stages.Add(new Stage { Id = id, Name = name, Goal = goal, LoopsTo = loopsTo, SubJourney = subJourney, Description = description });
        _step = null;
        return this;
    }

    /// <summary>Adds steps to the current stage; later items stay at stage level until <see cref="At"/> picks a step.</summary>
    public JourneyDraft Steps(params Step[] steps)
    {
        _stages[^1] = _stages[^1] with { Steps = [.. _stages[^1].Steps, .. steps] };
        return this;
    }

    /// <summary>Keys the following items to a step of the current stage (null: back to the stage).</summary>
    public JourneyDraft At(string? step)
    {
        _step = step;
        return this;
    }

    public JourneyDraft LaneName(LaneType type, string name)
    {
        _laneNames[type] = name;
        return this;
    }

    public JourneyDraft Goal(string text, params string[] evidence) => Add(LaneType.Goals, new LaneItem { Stage = CurrentStage, Text = text, Evidence = [.. evidence] });

    public JourneyDraft Action(string text, params string[] evidence) => Add(LaneType.Actions, new LaneItem { Stage = CurrentStage, Text = text, Evidence = [.. evidence] });

    public JourneyDraft Question(string text, params string[] evidence) => Add(LaneType.Questions, new LaneItem { Stage = CurrentStage, Text = text, Evidence = [.. evidence] });

    public JourneyDraft Thought(string text, params string[] evidence) => Add(LaneType.Thoughts, new LaneItem { Stage = CurrentStage, Text = text, Evidence = [.. evidence] });

    public JourneyDraft Idea(string id, string text) => Add(LaneType.Ideas, new LaneItem { Id = id, Stage = CurrentStage, Text = text });

    public JourneyDraft Backstage(string text, string? owner = null) => Add(LaneType.Backstage, new LaneItem { Stage = CurrentStage, Text = text, Owner = owner });

    public JourneyDraft Role(string persona, string text) => Add(LaneType.Roles, new LaneItem { Stage = CurrentStage, Persona = persona, Text = text });

    public JourneyDraft Touchpoint(string id, string text, string channel, string owner, params EventMatcher[] events) =>
        Add(LaneType.Touchpoints, new LaneItem { Id = id, Stage = CurrentStage, Text = text, Channel = channel, Owner = owner, Events = [.. events] });

    public JourneyDraft Emotion(double score, string? text = null, params string[] evidence) =>
        Add(LaneType.Emotion, new LaneItem { Stage = CurrentStage, Score = score, Text = text, Evidence = [.. evidence] });

    public JourneyDraft Pain(string id, string text, params string[] evidence) =>
        Add(LaneType.PainPoints, new LaneItem { Id = id, Stage = CurrentStage, Text = text, Evidence = [.. evidence] });

    public JourneyDraft Opportunity(string id, string text, string owner, OpportunityStatus status, int customerValue, int businessValue, int effort, params string[] addresses) =>
        Add(LaneType.Opportunities, new LaneItem
        {
            Id = id,
            Stage = CurrentStage,
            Text = text,
            Owner = owner,
            OpportunityStatus = status,
            CustomerValue = customerValue,
            BusinessValue = businessValue,
            Effort = effort,
            Addresses = [.. addresses],
        });

    public JourneyDraft Kpi(string id, string text, string metric, string target, string? actual, KpiStatus? status) =>
        Add(LaneType.Kpis, new LaneItem { Id = id, Stage = CurrentStage, Text = text, Metric = metric, Target = target, Actual = actual, Status = status });

    /// <summary>Replaces the last item added to a lane, e.g. to attach evidence or comments to it.</summary>
    public JourneyDraft Last(LaneType type, Func<LaneItem, LaneItem> change)
    {
        var items = _items[type];
        items[^1] = change(items[^1]);
        return this;
    }

    /// <summary>The journey with the stages and the lanes that hold items, in the map's lane order.</summary>
    public Journey Build(string id, string title) => new()
    {
        Id = id,
        Title = title,
        Stages = [.. _stages],
        Lanes = [.. LaneKinds.InMapOrder
            .Where(k => _items.ContainsKey(k.Type))
            .Select(k => new Lane { Id = k.DefaultLaneId, Type = k.Type, Name = _laneNames.GetValueOrDefault(k.Type), Items = [.. _items[k.Type]] })],
    };

    private JourneyDraft Add(LaneType type, LaneItem item)
    {
        if (!_items.TryGetValue(type, out var list))
        {
            list = [];
            _items[type] = list;
        }

        list.Add(item with { Step = _step });
        return this;
    }
}
