namespace Wayfinder.Drafting.Tests.Discovery;

using Wayfinder.Evidence.Store;

/// <summary>A touchpoint of a generating journey: its event names (done seconds apart) on one channel.</summary>
internal sealed record GenTouchpoint(string Channel, params string[] Events);

/// <summary>One place in a stage: a touchpoint, or alternatives customers take one of (with their weights).</summary>
internal sealed record GenSlot(IReadOnlyList<(GenTouchpoint Touchpoint, double Weight)> Choices)
{
    public static implicit operator GenSlot(GenTouchpoint touchpoint) => new([(touchpoint, 1)]);

    public static GenSlot OneOf(params (GenTouchpoint Touchpoint, double Weight)[] choices) => new(choices);
}

/// <summary>A stage: slots done minutes apart; after slot <see cref="LoopFrom"/> a share of customers go back once to slot <see cref="LoopTo"/>.</summary>
internal sealed record GenStage(IReadOnlyList<GenSlot> Slots, int LoopFrom = -1, int LoopTo = -1, double LoopShare = 0);

/// <summary>
/// A seeded synthetic event log from a known generating journey. Within a touchpoint events are 1–30 s apart,
/// between touchpoints of a stage 5–20 min, between stages 3–48 h. After every touchpoint but the last, a customer
/// stops with probability <see cref="DropOff"/>. Customers start on random days of September and October 2026 and
/// carry the attribute <c>segment</c> = <see cref="Segment"/>.
/// </summary>
internal sealed class JourneyLogGenerator(IReadOnlyList<GenStage> stages, int seed = 12)
{
    private const long Second = 1_000_000;
    private static readonly long s_firstStart = new DateTimeOffset(2026, 9, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1000;

    public double DropOff { get; init; } = 0.15;

    public string Segment { get; init; } = "first-timer";

    /// <summary>Chance, after each touchpoint, of a <c>heartbeat</c> event on the web 1–60 s later (noise no touchpoint means).</summary>
    public double Noise { get; init; }

    /// <summary>Chance, per customer, of one <c>debug_ping</c> event at their start (a rare name).</summary>
    public double Rare { get; init; }

    /// <summary>Prefix of the customer ids (two populations in one log need different ones).</summary>
    public string CustomerPrefix { get; init; } = "c";

    public void AddTo(EventLogBuilder log, int customers)
    {
        var random = new Random(seed);
        for (var c = 0; c < customers; c++)
        {
            AddCustomer(log, random, $"{CustomerPrefix}{c:D5}");
        }
    }

    public EventLog Build(int customers)
    {
        var log = new EventLogBuilder();
        AddTo(log, customers);
        return log.Build();
    }

    private void AddCustomer(EventLogBuilder log, Random random, string customer)
    {
        var time = s_firstStart + (random.NextInt64(61 * 24 * 3600) * Second);
        var attributes = new Dictionary<string, string> { ["segment"] = Segment };
        if (random.NextDouble() < Rare)
        {
            log.Add(customer, time - Second, "debug_ping", "web", null, attributes);
        }

        for (var s = 0; s < stages.Count; s++)
        {
            if (s > 0)
            {
                time += random.NextInt64(3 * 3600, 48 * 3600) * Second;
            }

            var stage = stages[s];
            var looped = false;
            for (var i = 0; i < stage.Slots.Count; i++)
            {
                if (i > 0)
                {
                    time += random.NextInt64(5 * 60, 20 * 60) * Second;
                }

                var touchpoint = Pick(stage.Slots[i], random);
                for (var e = 0; e < touchpoint.Events.Length; e++)
                {
                    time += e == 0 ? 0 : random.NextInt64(1, 31) * Second;
                    log.Add(customer, time, touchpoint.Events[e], touchpoint.Channel, null, attributes);
                }

                if (random.NextDouble() < Noise)
                {
                    time += random.NextInt64(1, 61) * Second;
                    log.Add(customer, time, "heartbeat", "web", null, attributes);
                }

                if (i == stage.LoopFrom && !looped && random.NextDouble() < stage.LoopShare)
                {
                    looped = true;
                    i = stage.LoopTo - 1;
                    continue;
                }

                var last = s == stages.Count - 1 && i == stage.Slots.Count - 1;
                if (!last && random.NextDouble() < DropOff)
                {
                    return;
                }
            }
        }
    }

    private static GenTouchpoint Pick(GenSlot slot, Random random)
    {
        var roll = random.NextDouble() * slot.Choices.Sum(c => c.Weight);
        foreach (var (touchpoint, weight) in slot.Choices)
        {
            if ((roll -= weight) < 0)
            {
                return touchpoint;
            }
        }

        return slot.Choices[^1].Touchpoint;
    }
}
