namespace Wayfinder.Web.Components.Editor;

using Wayfinder.App.Templates;
using Wayfinder.Core.Documents;

/// <summary>A changed journey and, in plain words, what changed ("rename stage Book"): what an editor hands to the edit session.</summary>
public sealed record JourneyChange(Journey Journey, string What);

/// <summary>
/// The editor's changes to a journey, each a pure function from a journey to the changed one (the input is never changed).
/// Stages, steps, lanes and cards are found by id; cards without an id by their lane and place in it.
/// </summary>
public static class JourneyEdits
{
    /// <summary>A stage named <paramref name="name"/> at the end, with a fresh id from its name.</summary>
    public static (Journey Journey, string Id) AddStage(Journey journey, string name)
    {
        var id = FreshId(journey, Slug.From(name) is { Length: > 0 } slug ? slug : "stage");
        return (journey with { Stages = [.. journey.Stages, new Stage { Id = id, Name = name }] }, id);
    }

    public static Journey RenameStage(Journey journey, string stageId, string name) =>
        journey with { Stages = [.. journey.Stages.Select(s => s.Id == stageId ? s with { Name = name } : s)] };

    public static Journey SetStage(Journey journey, string stageId, Func<Stage, Stage> change) =>
        journey with { Stages = [.. journey.Stages.Select(s => s.Id == stageId ? change(s) : s)] };

    /// <summary>Moves a stage by <paramref name="delta"/> places (−1: one to the left), kept within the map.</summary>
    public static Journey MoveStage(Journey journey, string stageId, int delta)
    {
        var from = journey.Stages.FindIndex(s => s.Id == stageId);
        return from < 0 ? journey : MoveStageTo(journey, stageId, from + delta);
    }

    /// <summary>Puts a stage at <paramref name="index"/> (clamped to the map).</summary>
    public static Journey MoveStageTo(Journey journey, string stageId, int index) =>
        journey with { Stages = MoveTo(journey.Stages, s => s.Id == stageId, index) };

    /// <summary>Removes a stage with its cards; loops back to it and phases naming it forget it.</summary>
    public static Journey DeleteStage(Journey journey, string stageId) => journey with
    {
        Stages = [.. journey.Stages.Where(s => s.Id != stageId).Select(s => s.LoopsTo == stageId ? s with { LoopsTo = null } : s)],
        Lanes = [.. journey.Lanes.Select(l => l with { Items = [.. l.Items.Where(i => i.Stage != stageId)] })],
        Timeline = journey.Timeline is { } timeline
            ? timeline with { Phases = [.. timeline.Phases.Select(p => p with { Stages = [.. p.Stages.Where(s => s != stageId)] })] }
            : null,
    };

    /// <summary>A step named <paramref name="name"/> at the end of a stage.</summary>
    public static (Journey Journey, string Id) AddStep(Journey journey, string stageId, string name)
    {
        var id = FreshId(journey, Slug.From(name) is { Length: > 0 } slug ? slug : "step");
        return (SetStage(journey, stageId, s => s with { Steps = [.. s.Steps, new Step { Id = id, Name = name }] }), id);
    }

    public static Journey RenameStep(Journey journey, string stepId, string name) => SetStep(journey, stepId, s => s with { Name = name });

    public static Journey SetStep(Journey journey, string stepId, Func<Step, Step> change) =>
        journey with { Stages = [.. journey.Stages.Select(st => st with { Steps = [.. st.Steps.Select(s => s.Id == stepId ? change(s) : s)] })] };

    /// <summary>Moves a step within its stage by <paramref name="delta"/> places.</summary>
    public static Journey MoveStep(Journey journey, string stepId, int delta) => journey with
    {
        Stages = [.. journey.Stages.Select(st => st.Steps.FindIndex(s => s.Id == stepId) is var at and >= 0
            ? st with { Steps = MoveTo(st.Steps, s => s.Id == stepId, at + delta) }
            : st)],
    };

    /// <summary>Removes a step: its cards stay in its stage; steps leading to it forget it.</summary>
    public static Journey DeleteStep(Journey journey, string stepId) => journey with
    {
        Stages = [.. journey.Stages.Select(st => st with
        {
            Steps = [.. st.Steps.Where(s => s.Id != stepId).Select(s => s with { Next = [.. s.Next.Where(n => n != stepId)] })],
        })],
        Lanes = [.. journey.Lanes.Select(l => l with { Items = [.. l.Items.Select(i => i.Step == stepId ? i with { Step = null } : i)] })],
    };

    /// <summary>A lane of <paramref name="type"/> at the end, with its kind's default id (made unique).</summary>
    public static (Journey Journey, string Id) AddLane(Journey journey, LaneType type)
    {
        var id = FreshId(journey, LaneKinds.Of(type).DefaultLaneId);
        return (journey with { Lanes = [.. journey.Lanes, new Lane { Id = id, Type = type }] }, id);
    }

    public static Journey RenameLane(Journey journey, string laneId, string name) =>
        journey with { Lanes = [.. journey.Lanes.Select(l => l.Id == laneId ? l with { Name = string.IsNullOrWhiteSpace(name) ? null : name } : l)] };

    /// <summary>Moves a lane by <paramref name="delta"/> places (−1: one up).</summary>
    public static Journey MoveLane(Journey journey, string laneId, int delta)
    {
        var from = journey.Lanes.FindIndex(l => l.Id == laneId);
        return from < 0 ? journey : MoveLaneTo(journey, laneId, from + delta);
    }

    public static Journey MoveLaneTo(Journey journey, string laneId, int index) =>
        journey with { Lanes = MoveTo(journey.Lanes, l => l.Id == laneId, index) };

    public static Journey DeleteLane(Journey journey, string laneId) =>
        journey with { Lanes = [.. journey.Lanes.Where(l => l.Id != laneId)] };

    /// <summary>A card with <paramref name="text"/> at the end of a lane's cell for a stage; its id comes from the lane kind and text.</summary>
    public static (Journey Journey, string Id) AddItem(Journey journey, string laneId, string stageId, string text)
    {
        var lane = journey.Lanes.Find(l => l.Id == laneId);
        if (lane is null)
        {
            return (journey, "");
        }

        var id = FreshId(journey, $"{lane.KindOf().ItemWord}-{stageId}" + (Slug.From(string.Join(' ', Slug.Words(text).Take(ElementIds.TextWords))) is { Length: > 0 } words ? "-" + words : ""));
        var item = new LaneItem { Id = id, Stage = stageId, Text = text };
        return (SetLane(journey, laneId, l => l with { Items = [.. l.Items, item] }), id);
    }

    /// <summary>Changes one card, found by its id.</summary>
    public static Journey SetItem(Journey journey, string itemId, Func<LaneItem, LaneItem> change) =>
        journey with { Lanes = [.. journey.Lanes.Select(l => l with { Items = [.. l.Items.Select(i => i.Id == itemId ? change(i) : i)] })] };

    public static Journey DeleteItem(Journey journey, string itemId) =>
        journey with { Lanes = [.. journey.Lanes.Select(l => l with { Items = [.. l.Items.Where(i => i.Id != itemId)] })] };

    /// <summary>
    /// The emotion of a stage on an emotion lane, clamped to −2…+2: the stage's own point (its first card without a step)
    /// changes, or one is added.
    /// </summary>
    public static Journey SetScore(Journey journey, string laneId, string stageId, double score)
    {
        var clamped = ClampScore(score);
        var lane = journey.Lanes.Find(l => l.Id == laneId);
        if (lane is null)
        {
            return journey;
        }

        var at = lane.Items.FindIndex(i => i.Stage == stageId && i.Step is null);
        if (at >= 0)
        {
            return SetLane(journey, laneId, l => l with { Items = [.. l.Items.Select((i, n) => n == at ? i with { Score = clamped } : i)] });
        }

        var id = FreshId(journey, $"emotion-{stageId}");
        return SetLane(journey, laneId, l => l with { Items = [.. l.Items, new LaneItem { Id = id, Stage = stageId, Score = clamped }] });
    }

    /// <summary>The stage's emotion on a lane (its first card without a step), or null.</summary>
    public static double? ScoreOf(Lane lane, string stageId) => lane.Items.Find(i => i.Stage == stageId && i.Step is null && i.Score is not null)?.Score;

    /// <summary>An emotion score kept within −2…+2.</summary>
    public static double ClampScore(double score) => double.IsNaN(score) ? 0 : Math.Clamp(score, -2, 2);

    /// <summary>
    /// A copy of <paramref name="current"/> to become its future state: another id and title, state future, linked back
    /// through <c>current_map</c>, tagged "future", without the current map's comments.
    /// </summary>
    public static Journey FutureStateOf(Journey current, string id) => (Journey)DocumentCreationService.Copy(current, id, $"{current.Title} (future)") with
    {
        State = JourneyState.Future,
        CurrentMap = current.Id,
        Tags = [.. current.Tags.Where(t => t != "future"), "future"],
    };

    /// <summary>Every id a stage, step, lane or card holds, so new ids never collide.</summary>
    public static HashSet<string> IdsOf(Journey journey) =>
    [
        .. journey.Stages.Select(s => s.Id),
        .. journey.Stages.SelectMany(s => s.Steps).Select(s => s.Id),
        .. journey.Lanes.Select(l => l.Id),
        .. journey.Lanes.SelectMany(l => l.Items).Select(i => i.Id).OfType<string>(),
    ];

    private static Journey SetLane(Journey journey, string laneId, Func<Lane, Lane> change) =>
        journey with { Lanes = [.. journey.Lanes.Select(l => l.Id == laneId ? change(l) : l)] };

    private static string FreshId(Journey journey, string wanted)
    {
        var taken = IdsOf(journey);
        var id = wanted;
        for (var n = 2; taken.Contains(id); n++)
        {
            id = $"{wanted}-{n}";
        }

        return id;
    }

    private static List<T> MoveTo<T>(List<T> list, Func<T, bool> match, int index)
    {
        var from = list.FindIndex(x => match(x));
        if (from < 0)
        {
            return [.. list];
        }

        var moved = list.ToList();
        var element = moved[from];
        moved.RemoveAt(from);
        moved.Insert(Math.Clamp(index, 0, moved.Count), element);
        return moved;
    }
}
