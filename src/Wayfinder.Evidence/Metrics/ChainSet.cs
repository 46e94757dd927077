namespace Wayfinder.Evidence.Metrics;

/// <summary>
/// The ordered-funnel state of one customer: for each stage reached, the chains (start, last) that got there,
/// kept only where no other chain is at least as good (a later start and an earlier or equal last event).
/// A stage-k event at time t extends the chain at stage k-1 with the latest start among those whose last
/// event is strictly before t and whose start is within the window of t. Taking the latest start is what
/// lets the best start count, including where ClickHouse's greedy windowFunnel would keep only the newest chain.
/// </summary>
internal sealed class ChainSet
{
    private readonly List<(long Start, long Last)>[] _levels;

    public ChainSet(int stages)
    {
        _levels = new List<(long, long)>[stages];
        for (var i = 0; i < stages; i++)
        {
            _levels[i] = [];
        }
    }

    public void Reset()
    {
        foreach (var level in _levels)
        {
            level.Clear();
        }
    }

    /// <summary>Feeds one event of stage <paramref name="stage"/> at time <paramref name="t"/> (events come in time order); returns the number of stages now reached in order (0 if none).</summary>
    public int Advance(int stage, long t, long window)
    {
        if (stage == 0)
        {
            Add(0, t, t);
        }
        else
        {
            var best = long.MinValue;
            var previous = _levels[stage - 1];
            // Chains that started more than a window ago can never be extended again (time only moves forward).
            previous.RemoveAll(c => t - c.Start > window);
            foreach (var (start, last) in previous)
            {
                if (last < t && start > best)
                {
                    best = start;
                }
            }

            if (best != long.MinValue)
            {
                Add(stage, best, t);
            }
        }

        for (var k = _levels.Length - 1; k >= 0; k--)
        {
            if (_levels[k].Count > 0)
            {
                return k + 1;
            }
        }

        return 0;
    }

    private void Add(int level, long start, long last)
    {
        var chains = _levels[level];
        // Events arrive in time order, so `last` is at least every stored last: the new chain is dominated by
        // any stored chain with a start at least as late, and dominates stored chains with an earlier start and equal last.
        for (var i = chains.Count - 1; i >= 0; i--)
        {
            var (s, l) = chains[i];
            if (s >= start && l <= last)
            {
                return;
            }

            if (s <= start && l >= last)
            {
                chains.RemoveAt(i);
            }
        }

        chains.Add((start, last));
    }
}
