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
    private readonly long[][] _starts;
    private readonly long[][] _lasts;
    private readonly int[] _counts;
    private int _reached;

    public ChainSet(int stages)
    {
        _starts = new long[stages][];
        _lasts = new long[stages][];
        _counts = new int[stages];
        for (var i = 0; i < stages; i++)
        {
            _starts[i] = new long[4];
            _lasts[i] = new long[4];
        }
    }

    /// <summary>The most stages reached in order so far.</summary>
    public int Reached => _reached;

    public void Reset()
    {
        Array.Clear(_counts);
        _reached = 0;
    }

    /// <summary>Feeds one event of stage <paramref name="stage"/> at time <paramref name="t"/> (events come in time order).</summary>
    public void Advance(int stage, long t, long window)
    {
        if (stage == 0)
        {
            Add(0, t, t);
            return;
        }

        var count = _counts[stage - 1];
        if (count == 0)
        {
            return;
        }

        var starts = _starts[stage - 1];
        var lasts = _lasts[stage - 1];
        // Chains that started more than a window ago can never be extended again (time only moves forward): drop them.
        var keep = 0;
        var best = long.MinValue;
        for (var i = 0; i < count; i++)
        {
            if (t - starts[i] > window)
            {
                continue;
            }

            starts[keep] = starts[i];
            lasts[keep] = lasts[i];
            keep++;
            if (lasts[i] < t && starts[i] > best)
            {
                best = starts[i];
            }
        }

        _counts[stage - 1] = keep;
        if (best != long.MinValue)
        {
            Add(stage, best, t);
        }
    }

    private void Add(int level, long start, long last)
    {
        var starts = _starts[level];
        var lasts = _lasts[level];
        var count = _counts[level];
        // Events arrive in time order, so `last` is at least every stored last: the new chain is dominated by a
        // stored chain with a start at least as late, and dominates stored chains with an earlier start and equal last.
        var keep = 0;
        for (var i = 0; i < count; i++)
        {
            if (starts[i] >= start && lasts[i] <= last)
            {
                return;
            }

            if (starts[i] <= start && lasts[i] >= last)
            {
                continue;
            }

            starts[keep] = starts[i];
            lasts[keep] = lasts[i];
            keep++;
        }

        if (keep == starts.Length)
        {
            Array.Resize(ref _starts[level], keep * 2);
            Array.Resize(ref _lasts[level], keep * 2);
            starts = _starts[level];
            lasts = _lasts[level];
        }

        starts[keep] = start;
        lasts[keep] = last;
        _counts[level] = keep + 1;
        _reached = Math.Max(_reached, level + 1);
    }
}
