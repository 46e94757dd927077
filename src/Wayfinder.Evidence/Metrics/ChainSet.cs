namespace Wayfinder.Evidence.Metrics;

using System.Runtime.CompilerServices;
/// <summary>
/// The ordered-funnel state of one customer: for each stage reached, the chains (start, last) that got there,
/// kept only where no other chain is at least as good (a later start and an earlier or equal last event).
/// A stage-k event at time t extends the chain at stage k-1 with the latest start among those whose last
/// event is strictly before t and whose start is within the window of t. Taking the latest start is what
/// lets the best start count, including where ClickHouse's greedy windowFunnel would keep only the newest chain.
/// The chains live in two flat arrays, <see cref="_width"/> slots a stage (a benchmark showed the jagged
/// arrays of the first version costing a quarter of the metrics pass).
/// </summary>
internal sealed class ChainSet
{
    private readonly int _stages;
    private readonly int[] _counts;
    private int _width = 4;
    private long[] _starts;
    private long[] _lasts;
    private int _reached;

    public ChainSet(int stages)
    {
        _stages = stages;
        _counts = new int[stages];
        _starts = new long[stages * _width];
        _lasts = new long[stages * _width];
    }

    /// <summary>The most stages reached in order so far.</summary>
    public int Reached => _reached;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Reset()
    {
        if (_reached > 0)
        {
            Array.Clear(_counts);
            _reached = 0;
        }
    }

    /// <summary>Feeds one event of stage <paramref name="stage"/> at time <paramref name="t"/> (events come in time order).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

        var starts = _starts;
        var lasts = _lasts;
        var baseIndex = (stage - 1) * _width;
        // Chains that started more than a window ago can never be extended again (time only moves forward): drop them.
        var keep = 0;
        var best = long.MinValue;
        for (var i = baseIndex; i < baseIndex + count; i++)
        {
            var start = starts[i];
            if (t - start > window)
            {
                continue;
            }

            var last = lasts[i];
            starts[baseIndex + keep] = start;
            lasts[baseIndex + keep] = last;
            keep++;
            if (last < t && start > best)
            {
                best = start;
            }
        }

        _counts[stage - 1] = keep;
        if (best != long.MinValue)
        {
            Add(stage, best, t);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(int level, long start, long last)
    {
        var count = _counts[level];
        var baseIndex = level * _width;
        var starts = _starts;
        var lasts = _lasts;
        // Events arrive in time order, so `last` is at least every stored last: the new chain is dominated by a
        // stored chain with a start at least as late, and dominates stored chains with an earlier start and equal last.
        var keep = 0;
        for (var i = baseIndex; i < baseIndex + count; i++)
        {
            var s = starts[i];
            var l = lasts[i];
            if (s >= start && l <= last)
            {
                return;
            }

            if (s <= start && l >= last)
            {
                continue;
            }

            starts[baseIndex + keep] = s;
            lasts[baseIndex + keep] = l;
            keep++;
        }

        if (keep == _width)
        {
            Widen();
            baseIndex = level * _width;
            starts = _starts;
            lasts = _lasts;
        }

        starts[baseIndex + keep] = start;
        lasts[baseIndex + keep] = last;
        _counts[level] = keep + 1;
        if (level + 1 > _reached)
        {
            _reached = level + 1;
        }
    }

    /// <summary>More chains at one stage than slots (a customer with many starts in a window): double every stage's slots.</summary>
    private void Widen()
    {
        var width = _width * 2;
        var starts = new long[_stages * width];
        var lasts = new long[_stages * width];
        for (var level = 0; level < _stages; level++)
        {
            Array.Copy(_starts, level * _width, starts, level * width, _counts[level]);
            Array.Copy(_lasts, level * _width, lasts, level * width, _counts[level]);
        }

        (_starts, _lasts, _width) = (starts, lasts, width);
    }
}
