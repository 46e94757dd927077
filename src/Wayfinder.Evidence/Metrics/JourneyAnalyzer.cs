namespace Wayfinder.Evidence.Metrics;

using System.Buffers;
using System.Runtime.CompilerServices;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;

/// <summary>
/// Computes a journey's metrics from an event log in one pass over each customer's time-ordered events,
/// exactly as DESIGN.md defines them.
/// </summary>
public static partial class JourneyAnalyzer
{
    private const double MicrosPerSecond = 1_000_000d;

    /// <summary>Customers per parallel partition below which one thread does the work.</summary>
    private const int MinCustomersPerPartition = 20_000;

    /// <summary>
    /// Partitions per thread: on a shared machine a thread may be held up, and with one partition each the others then
    /// wait for it; smaller partitions are taken by whichever thread is free. Results are the same for any number.
    /// </summary>
    private const int PartitionsPerThread = 4;

    /// <summary>All metrics of a journey on one cut of <paramref name="log"/>; the query's segment is resolved on the log.</summary>
    /// <param name="threads">How many threads to use; null for <see cref="EngineOptions.Default"/>. Results are identical for any count.</param>
    public static JourneyMetrics Analyze(string journeyId, EventLog log, JourneyMapping mapping, MetricsQuery? query = null, int? threads = null, CancellationToken cancellationToken = default)
    {
        query ??= new MetricsQuery();
        var selected = query.Segment is { } segment ? Analysis.Segments.Customers(log, segment) : null;
        return Analyze(journeyId, log, mapping, query, selected, threads ?? EngineOptions.Default.DegreeOfParallelism, cancellationToken);
    }

    /// <param name="selected">The customers of the query's segment, already resolved (null: every customer).</param>
    internal static JourneyMetrics Analyze(string journeyId, EventLog log, JourneyMapping mapping, MetricsQuery query, bool[]? selected, int threads, CancellationToken cancellationToken) =>
        Analyze(journeyId, log, mapping, query, selected, [], threads, cancellationToken).Metrics;

    /// <summary>
    /// All metrics of a journey on one cut and the funnel of each of <paramref name="periods"/> (half-open, in time order,
    /// not overlapping), exactly as <see cref="FunnelByPeriod"/> gives them, in the same pass: a customer whose rows of
    /// the cut all fall in one period has there the funnel level the pass matched anyway, and only customers active in
    /// more than one period are matched again period by period. A trend beside the metrics cost a second pass over the log.
    /// </summary>
    internal static (JourneyMetrics Metrics, List<FunnelStep>[] Periods) Analyze(
        string journeyId, EventLog log, JourneyMapping mapping, MetricsQuery query, bool[]? selected, IReadOnlyList<(long From, long To)> periods, int threads, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var partitions = Math.Max(1, Math.Min(threads * PartitionsPerThread, log.CustomerCount / MinCustomersPerPartition));
        var context = new Context(log, mapping, query, selected, threads, cancellationToken, periods);
        var passes = new Pass[partitions];
        if (partitions == 1)
        {
            passes[0] = new Pass(context, 1);
            passes[0].Run(0, log.CustomerCount);
        }
        else
        {
            Parallel.For(0, partitions, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, p =>
            {
                passes[p] = new Pass(context, partitions);
                passes[p].Run((int)((long)log.CustomerCount * p / partitions), (int)((long)log.CustomerCount * (p + 1) / partitions));
            });
        }

        var total = passes[0];
        total.Merge(passes.AsSpan(1));

        if (cancellationToken.IsCancellationRequested)
        {
            total.Release();
            cancellationToken.ThrowIfCancellationRequested();
        }

        var periodFunnels = PeriodResults(mapping, periods.Count, [total.PeriodFunnelAt]);
        return (total.Result(journeyId, query), periodFunnels);
    }

    /// <summary>What every partition shares: the log, the mapping and the cut, resolved to arrays.</summary>
    private sealed class Context
    {
        public Context(EventLog log, JourneyMapping mapping, MetricsQuery options, bool[]? selected, int parallelism, CancellationToken cancellationToken, IReadOnlyList<(long From, long To)>? periods = null)
        {
            PeriodStarts = [.. (periods ?? []).Select(p => p.From)];
            PeriodEnds = [.. (periods ?? []).Select(p => p.To)];
            Log = log;
            Mapping = mapping;
            Options = options;
            Selected = selected;
            Parallelism = parallelism;
            CancellationToken = cancellationToken;
            StageCount = mapping.Stages.Count;
            TpCount = mapping.Touchpoints.Count;
            TpStage = [.. mapping.Touchpoints.Select(t => t.Stage)];
            Window = options.Window.Ticks / 10;
            Inactivity = options.Inactivity.Ticks / 10;
            From = options.FromMicros ?? long.MinValue;
            To = options.ToMicros ?? long.MaxValue;
            ChannelCode = options.Channel is null ? -2 : IndexOf(log.ChannelNames, options.Channel);
            DataEnd = Math.Min(log.MaxTimestamp, To == long.MaxValue ? long.MaxValue : To - 1);
            // A row's touchpoint: by its event name when no matcher has a condition (no per-row array), else per row.
            (TpLookup, TpKeys) = mapping.TouchpointOfCode is { } byCode ? (byCode, log.EventCodes) : (mapping.TouchpointOfRow, null);

            // Channels: the event's own, else the touchpoint's; both as indexes into one list of names.
            ChannelNames = [.. log.ChannelNames];
            TpChannel = [.. mapping.Touchpoints.Select(t =>
            {
                if (t.Channel is null)
                {
                    return -1;
                }

                var index = ChannelNames.IndexOf(t.Channel);
                if (index < 0)
                {
                    index = ChannelNames.Count;
                    ChannelNames.Add(t.Channel);
                }

                return index;
            })];
        }

        public EventLog Log { get; }
        public JourneyMapping Mapping { get; }
        public MetricsQuery Options { get; }

        /// <summary>Per customer, whether the segment holds them; null for every customer.</summary>
        public bool[]? Selected { get; }
        public int Parallelism { get; }
        public CancellationToken CancellationToken { get; }

        public ParallelOptions ParallelOptions => new() { MaxDegreeOfParallelism = Parallelism };
        public int StageCount { get; }
        public int TpCount { get; }
        public int[] TpStage { get; }
        public long Window { get; }
        public long Inactivity { get; }
        public long From { get; }
        public long To { get; }
        public int ChannelCode { get; }
        public long DataEnd { get; }
        public List<string> ChannelNames { get; }
        public int[] TpChannel { get; }

        /// <summary>Row r's touchpoint is <c>TpLookup[TpKeys[r]]</c>, or <c>TpLookup[r]</c> when TpKeys is null.</summary>
        public int[] TpLookup { get; }

        public int[]? TpKeys { get; }

        /// <summary>The periods whose funnels are wanted beside the metrics (none: empty).</summary>
        public long[] PeriodStarts { get; }

        public long[] PeriodEnds { get; }
    }

    /// <summary>The accumulators of one partition of customers; partitions merge by adding up.</summary>
    private sealed class Pass
    {
        private readonly Context _context;
        private readonly int[] _stageCustomers;
        private readonly int[] _stageEvents;
        private readonly int[] _tpCustomers;
        private readonly int[] _tpEvents;
        private readonly int[] _funnelAt;
        private readonly TimeList[] _timings;
        private readonly TimeList?[] _spanTimings;
        private readonly int[] _stranded;
        private readonly VariantTable _variants;
        // Every transition of this partition as (edge, duration), in arrays sized once: growing one list per edge
        // spent most of the metrics pass zeroing fresh memory.
        private readonly List<(int[] Edges, long[] Durations, int Count)> _transitions = [];
        private readonly int[] _starts;
        private readonly int[] _ends;
        private readonly int[] _channelEvents;
        // Events per touchpoint and own channel (index channel + 1, 0 for none): the touchpoint, stage and channel counts
        // come from it once the pass is over, one increment a row instead of three.
        private readonly int[] _tpChannelEvents;
        private readonly int[] _seenTp;
        private readonly long[] _firstTime;
        private readonly long[] _firstAfter;
        private readonly ChainSet _chains;
        private readonly int[] _spanMark;
        private readonly long[] _spanValue;
        private readonly int[] _periodFunnelAt;
        private int _customers;

        /// <summary>Per period (of the context), how many customers reached exactly k stages in it (period-major).</summary>
        public int[] PeriodFunnelAt => _periodFunnelAt;

        private int _mappedEvents;
        private int _unmappedEvents;

        public Pass(Context context, int partitions)
        {
            _context = context;
            var stages = context.StageCount;
            var tps = context.TpCount;
            _stageCustomers = new int[stages];
            _stageEvents = new int[stages];
            _tpCustomers = new int[tps];
            _tpEvents = new int[tps];
            _funnelAt = new int[stages + 1];
            // Each stage keeps about half the customers of the one before: size the lists so they rarely grow.
            var range = context.Log.CustomerCount / Math.Max(1, partitions);
            _timings = [.. Enumerable.Range(0, Math.Max(0, stages - 1)).Select(k => new TimeList(Math.Max(8, range >> (k + 1))))];
            _spanTimings = new TimeList?[stages * stages];
            _stranded = new int[tps];
            _starts = new int[tps];
            _ends = new int[tps];
            _channelEvents = new int[stages * context.ChannelNames.Count];
            _variants = new VariantTable(tps);

            // "Seen" marks hold the customer index that last set them, so nothing is cleared between customers.
            _tpChannelEvents = new int[tps * (context.Log.ChannelNames.Count + 1)];
            _seenTp = new int[tps];
            _seenTp.AsSpan().Fill(-1);
            _firstTime = new long[stages];
            _firstAfter = new long[stages];
            _chains = new ChainSet(stages);
            _spanMark = new int[stages * stages];
            _spanMark.AsSpan().Fill(-1);
            _spanValue = new long[stages * stages];
            _periodFunnelAt = new int[context.PeriodStarts.Length * (stages + 1)];
        }

        /// <summary>
        /// Counts customers <paramref name="firstCustomer"/> up to <paramref name="endCustomer"/>. One method, with every
        /// array and setting in a local read once: a method per customer re-read some thirty fields of the context for each
        /// of the ~2M customers of a 10M-event log, which cost as much as the rows themselves.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Run(int firstCustomer, int endCustomer)
        {
            var context = _context;
            var log = context.Log;
            var rows = log.CustomerStart[endCustomer] - log.CustomerStart[firstCustomer];
            // Pooled: these are the largest arrays of the pass, and a server analyses again and again.
            var edgeIds = ArrayPool<int>.Shared.Rent(Math.Max(1, rows));
            var edgeDurations = ArrayPool<long>.Shared.Rent(Math.Max(1, rows));
            var token = context.CancellationToken;
            var options = context.Options;
            var (tpLookup, tpKeys) = (context.TpLookup, context.TpKeys);
            var timestamps = log.Timestamps;
            var channelCodes = log.ChannelCodes;
            var customerStart = log.CustomerStart;
            var tpStage = context.TpStage;
            var stageCount = context.StageCount;
            var tpCount = context.TpCount;
            var (from, to, channelCode, window) = (context.From, context.To, context.ChannelCode, context.Window);
            var (dataEnd, inactivity) = (context.DataEnd, context.Inactivity);
            var selected = context.Selected;
            var (seenTp, firstTime, firstAfter, chains) = (_seenTp, _firstTime, _firstAfter, _chains);
            var (stageCustomers, tpCustomers, tpChannelEvents) = (_stageCustomers, _tpCustomers, _tpChannelEvents);
            var ownChannels = log.ChannelNames.Count + 1;
            var (spanMark, spanValue, spanTimings, timings) = (_spanMark, _spanValue, _spanTimings, _timings);
            var (funnelAt, stranded, starts, ends, variants) = (_funnelAt, _stranded, _starts, _ends, _variants);
            var collapse = options.CollapseRepeats;
            var full = !options.FunnelOnly;
            var (periodStarts, periodEnds, periodFunnelAt) = (context.PeriodStarts, context.PeriodEnds, _periodFunnelAt);
            var periodCount = periodStarts.Length;
            var (transitions, mapped, unmapped, customers) = (0, 0, 0, 0);
            for (var c = firstCustomer; c < endCustomer; c++)
            {
                // A cancelled analysis stops within a few thousand customers; the caller throws once the partitions are back.
                if ((c & 4095) == 0 && token.IsCancellationRequested)
                {
                    break;
                }

                // A customer's rows are in time order: one wholly outside the period has nothing to count (a trend
                // analyses every month, and most customers are active in few of them).
                if (!InCut(c, selected, customerStart, timestamps, from, to))
                {
                    continue;
                }

                var (rowStart, rowEnd) = (customerStart[c], customerStart[c + 1]);

                for (var s = 0; s < stageCount; s++)
                {
                    firstTime[s] = long.MinValue;
                    firstAfter[s] = long.MinValue;
                }

                // When all of the customer's events fit in one window, the window cannot cut a chain short: the funnel
                // level is then how far the stages can be matched in order, and matching each at its earliest (strictly
                // later) event is optimal. Only customers spread over more than a window need the chains.
                var useChains = timestamps[rowEnd - 1] - timestamps[rowStart] > window;
                var matched = 0;
                var matchedTime = long.MinValue;
                if (useChains)
                {
                    chains.Reset();
                }

                // The path itself is not kept: its hash, length and first three touchpoints (variants recompute the few
                // paths they print).
                var pathHash = VariantTable.Seed;
                var (pathLength, p0, p1, p2) = (0, -1, -1, -1);
                var lastTp = -1;
                var lastTime = 0L;
                var reachedLastStage = false;
                for (var r = rowStart; r < rowEnd; r++)
                {
                    var t = timestamps[r];
                    if (t < from || t >= to || (channelCode != -2 && channelCodes[r] != channelCode))
                    {
                        continue;
                    }

                    var tp = tpKeys is null ? tpLookup[r] : tpLookup[tpKeys[r]];
                    if (tp < 0)
                    {
                        unmapped++;
                        continue;
                    }

                    mapped++;
                    var s = tpStage[tp];
                    tpChannelEvents[(tp * ownChannels) + channelCodes[r] + 1]++;
                    // Without branches: whether a stage or touchpoint is new to the customer is hard to predict.
                    tpCustomers[tp] += seenTp[tp] != c ? 1 : 0;
                    seenTp[tp] = c;

                    if (s > 0 && firstAfter[s] == long.MinValue && firstTime[s - 1] != long.MinValue && t > firstTime[s - 1])
                    {
                        firstAfter[s] = t;
                    }

                    var reached = firstTime[s];
                    firstTime[s] = reached == long.MinValue ? t : reached;

                    // Stages further apart: from the first reach of a to the first event of b after it (a's first reach
                    // is final by then: events come in time order).
                    for (var a = 0; full && a + 2 <= s; a++)
                    {
                        var pair = (a * stageCount) + s;
                        if (spanMark[pair] != c && firstTime[a] != long.MinValue && t > firstTime[a])
                        {
                            spanMark[pair] = c;
                            spanValue[pair] = t - firstTime[a];
                        }
                    }

                    if (useChains)
                    {
                        chains.Advance(s, t, window);
                    }
                    else
                    {
                        // Selections, not a branch: whether this event extends the in-order match is data.
                        var next = (s == matched) & (t > matchedTime);
                        matched += next ? 1 : 0;
                        matchedTime = next ? t : matchedTime;
                    }

                    reachedLastStage |= s == stageCount - 1;

                    if (full && lastTp >= 0)
                    {
                        edgeIds[transitions] = (lastTp * tpCount) + tp;
                        edgeDurations[transitions++] = t - lastTime;
                    }

                    if (full && (!collapse || lastTp != tp))
                    {
                        switch (pathLength++)
                        {
                            case 0: p0 = tp; break;
                            case 1: p1 = tp; break;
                            case 2: p2 = tp; break;
                        }

                        pathHash = VariantTable.Step(pathHash, tp);
                    }

                    lastTp = tp;
                    lastTime = t;
                }

                if (lastTp < 0)
                {
                    continue;
                }

                customers++;
                // A stage's customers: those with a first event in it; the earliest of those is the customer's first row of the cut.
                var firstRow = long.MaxValue;
                for (var s = 0; s < stageCount; s++)
                {
                    var reached = firstTime[s];
                    stageCustomers[s] += reached != long.MinValue ? 1 : 0;
                    firstRow = Math.Min(firstRow, reached == long.MinValue ? long.MaxValue : reached);
                }

                var level = useChains ? chains.Reached : matched;
                funnelAt[level]++;
                if (periodCount > 0)
                {
                    var period = PeriodOf(periodEnds, firstRow);
                    if (period < periodCount && firstRow >= periodStarts[period] && lastTime < periodEnds[period])
                    {
                        periodFunnelAt[(period * (stageCount + 1)) + level]++;
                    }
                    else
                    {
                        CustomerPeriods(context, c, periodStarts, periodEnds, periodFunnelAt, chains);
                    }
                }

                if (!full)
                {
                    continue;
                }

                for (var k = 0; k + 1 < level; k++)
                {
                    timings[k].Add(firstAfter[k + 1] - firstTime[k]);
                }

                // Stages further apart (found in the loop): counted where the customer's funnel reached b.
                for (var b = 2; b < level; b++)
                {
                    for (var a = 0; a + 2 <= b; a++)
                    {
                        var pair = (a * stageCount) + b;
                        if (spanMark[pair] == c)
                        {
                            (spanTimings[pair] ??= new TimeList()).Add(spanValue[pair]);
                        }
                    }
                }

                if (!reachedLastStage && dataEnd - lastTime > inactivity)
                {
                    stranded[lastTp]++;
                }

                starts[p0]++;
                ends[lastTp]++;
                variants.Add(pathHash, pathLength, p0, p1, p2, c);
            }

            (_mappedEvents, _unmappedEvents, _customers) = (mapped, unmapped, customers);
            CountEvents(full);
            _transitions.Add((edgeIds, edgeDurations, transitions));
        }

        /// <summary>The events per touchpoint, per stage and (<paramref name="full"/>) per stage and channel, from the events per touchpoint and own channel.</summary>
        private void CountEvents(bool full)
        {
            var (ownChannels, channelCount) = (_context.Log.ChannelNames.Count + 1, _context.ChannelNames.Count);
            for (var tp = 0; tp < _context.TpCount; tp++)
            {
                var s = _context.TpStage[tp];
                for (var own = -1; own + 1 < ownChannels; own++)
                {
                    var events = _tpChannelEvents[(tp * ownChannels) + own + 1];
                    _tpEvents[tp] += events;
                    _stageEvents[s] += events;
                    // The event's own channel, else the touchpoint's.
                    var channel = own >= 0 ? own : _context.TpChannel[tp];
                    if (full && channel >= 0)
                    {
                        _channelEvents[(s * channelCount) + channel] += events;
                    }
                }
            }
        }

        /// <summary>Adds the other partitions' accumulators to this one's, in partition order.</summary>
        public void Merge(ReadOnlySpan<Pass> others)
        {
            foreach (var other in others)
            {
                Add(_stageCustomers, other._stageCustomers);
                Add(_stageEvents, other._stageEvents);
                Add(_tpCustomers, other._tpCustomers);
                Add(_tpEvents, other._tpEvents);
                Add(_funnelAt, other._funnelAt);
                Add(_periodFunnelAt, other._periodFunnelAt);
                Add(_stranded, other._stranded);
                Add(_starts, other._starts);
                Add(_ends, other._ends);
                Add(_channelEvents, other._channelEvents);
                _transitions.AddRange(other._transitions);
                _variants.MergeFrom(other._variants);
                _customers += other._customers;
                _mappedEvents += other._mappedEvents;
                _unmappedEvents += other._unmappedEvents;
            }

            // The timing lists are most of what is copied: each list on its own thread, the others' after this one's.
            var passes = others.ToArray();
            Parallel.For(0, _timings.Length + _spanTimings.Length, _context.ParallelOptions, k =>
            {
                TimeList? Of(Pass pass) => k < _timings.Length ? pass._timings[k] : pass._spanTimings[k - _timings.Length];
                var size = passes.Sum(pass => Of(pass)?.Span.Length ?? 0);
                if (size == 0)
                {
                    return;
                }

                var list = Of(this) ?? (_spanTimings[k - _timings.Length] = new TimeList());
                list.Reserve(list.Span.Length + size);
                foreach (var pass in passes)
                {
                    if (Of(pass) is { } times)
                    {
                        list.AddRange(times.Span);
                    }
                }
            });

            foreach (var other in passes)
            {
                other.ReleaseTimings();
            }
        }

        /// <summary>Gives the pooled arrays back without computing a result (a cancelled analysis).</summary>
        public void Release()
        {
            foreach (var (edges, durations, _) in _transitions)
            {
                ArrayPool<int>.Shared.Return(edges);
                ArrayPool<long>.Shared.Return(durations);
            }

            _transitions.Clear();
            ReleaseTimings();
            _variants.Release();
        }

        private void ReleaseTimings()
        {
            foreach (var list in _timings)
            {
                list.Release();
            }

            foreach (var list in _spanTimings)
            {
                list?.Release();
            }
        }

        public JourneyMetrics Result(string journeyId, MetricsQuery options)
        {
            var mapping = _context.Mapping;

            // The three heavy parts are independent: timings (percentiles), variants (a radix sort), flow (a counting sort).
            StageTiming[] timings = [], spanTimings = [];
            List<PathVariant> variants = [];
            List<FlowEdge> flow = [];
            Parallel.Invoke(
                _context.ParallelOptions,
                options.FunnelOnly ? [] : [
                () =>
                {
                    // Every list's percentiles are independent: select them in parallel too.
                    var adjacent = new StageTiming[_timings.Length];
                    var spans = _spanTimings.Select((list, i) => (list, i)).Where(x => x.list is not null).ToArray();
                    var apart = new StageTiming[spans.Length];
                    Parallel.For(0, adjacent.Length + apart.Length, _context.ParallelOptions, j =>
                    {
                        if (j < adjacent.Length)
                        {
                            adjacent[j] = Timing(mapping, j, j + 1, _timings[j]);
                        }
                        else
                        {
                            var (list, i) = spans[j - adjacent.Length];
                            apart[j - adjacent.Length] = Timing(mapping, i / _context.StageCount, i % _context.StageCount, list!);
                        }
                    });
                    (timings, spanTimings) = (adjacent, apart);
                },
                () => variants = Variants(mapping, _variants, _customers, options.TopVariants, c => CustomerPath(_context, c), (c, path) => IsCustomerPath(_context, c, path)),
                () => flow = Flow(mapping, _transitions, _context.ParallelOptions)]);
            Release();
            return new JourneyMetrics
            {
                JourneyId = journeyId,
                Cut = options.Cut,
                Customers = _customers,
                MappedEvents = _mappedEvents,
                UnmappedEvents = _unmappedEvents,
                StageReach = [.. mapping.Stages.Select((s, i) => new ReachRow(s.Id, s.Name, s.Id, _stageCustomers[i], _stageEvents[i]))],
                TouchpointReach = [.. mapping.Touchpoints.Select((t, i) => new ReachRow(t.Id, t.Name, mapping.Stages[t.Stage].Id, _tpCustomers[i], _tpEvents[i]))],
                Funnel = Funnel(mapping.Stages, _funnelAt),
                Timings = timings,
                SpanTimings = spanTimings,
                Stranded = options.FunnelOnly ? [] : [.. mapping.Touchpoints.Select((t, i) => new StrandedRow(t.Id, mapping.Stages[t.Stage].Id, _stranded[i], _tpCustomers[i], Ratio(_stranded[i], _tpCustomers[i])))],
                Variants = variants,
                Flow = flow,
                Endpoints = options.FunnelOnly ? [] : [.. mapping.Touchpoints.Select((t, i) => new EndpointRow(t.Id, _starts[i], _ends[i])).Where(e => e.Starts + e.Ends > 0)],
                ChannelMix = options.FunnelOnly ? [] : ChannelMix(mapping, _channelEvents, _context.ChannelNames),
            };
        }

        private static void Add(int[] into, int[] from)
        {
            for (var i = 0; i < into.Length; i++)
            {
                into[i] += from[i];
            }
        }
    }

    /// <summary>
    /// Whether customer <paramref name="c"/> is in the segment and may have rows in [<paramref name="from"/>,
    /// <paramref name="to"/>): rows are in time order, so one whose last row is before it or first row after it has none.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool InCut(int c, bool[]? selected, int[] customerStart, long[] timestamps, long from, long to)
    {
        var (rowStart, rowEnd) = (customerStart[c], customerStart[c + 1]);
        return (selected is null || selected[c]) && rowEnd > rowStart && timestamps[rowEnd - 1] >= from && timestamps[rowStart] < to;
    }

    /// <summary>The ordered funnel from how many customers reached exactly k stages (shared with the ClickHouse store).</summary>
    internal static List<FunnelStep> Funnel(IReadOnlyList<(string Id, string Name)> stages, int[] funnelAt)
    {
        // funnelAt[k] = customers whose best chain reached exactly k stages; at step k count those reaching ≥ k + 1.
        var stageCount = stages.Count;
        var atLeast = new int[stageCount];
        var running = 0;
        for (var k = stageCount; k >= 1; k--)
        {
            running += funnelAt[k];
            atLeast[k - 1] = running;
        }

        var steps = new List<FunnelStep>();
        for (var k = 0; k < stageCount; k++)
        {
            var previous = k == 0 ? atLeast[0] : atLeast[k - 1];
            var next = k + 1 < stageCount ? atLeast[k + 1] : atLeast[k];
            steps.Add(new FunnelStep(
                stages[k].Id,
                stages[k].Name,
                atLeast[k],
                k == 0 ? (atLeast[0] > 0 ? 1 : 0) : Ratio(atLeast[k], previous),
                Ratio(atLeast[k], atLeast[0]),
                atLeast[k] - next));
        }

        return steps;
    }

    private static StageTiming Timing(JourneyMapping mapping, int from, int to, TimeList micros)
    {
        var values = micros.Span;
        var (median, p90) = Percentile.Of(values, 0.5, 0.9);
        return new StageTiming(mapping.Stages[from].Id, mapping.Stages[to].Id, values.Length, Seconds(median), Seconds(p90));
    }

    private static List<ChannelShare> ChannelMix(JourneyMapping mapping, int[] channelEvents, List<string> channelNames)
    {
        var rows = new List<ChannelShare>();
        for (var s = 0; s < mapping.Stages.Count; s++)
        {
            var counts = channelEvents.AsSpan(s * channelNames.Count, channelNames.Count);
            var total = 0;
            foreach (var c in counts)
            {
                total += c;
            }

            var stageRows = new List<(string Channel, int Events)>();
            for (var c = 0; c < counts.Length; c++)
            {
                if (counts[c] > 0)
                {
                    stageRows.Add((channelNames[c], counts[c]));
                }
            }

            rows.AddRange(stageRows
                .OrderByDescending(r => r.Events)
                .ThenBy(r => r.Channel, StringComparer.Ordinal)
                .Select(r => new ChannelShare(mapping.Stages[s].Id, r.Channel, r.Events, Ratio(r.Events, total))));
        }

        return rows;
    }

    /// <summary>
    /// A growable list of durations without the bounds checks of List, in pooled arrays: a server analyses again and
    /// again, and fresh lists (some 100 MB a 10M-event analysis, with their copies when growing and merging) cost zeroing
    /// and gen-2 collections.
    /// </summary>
    private sealed class TimeList(int capacity = 8)
    {
        private long[] _items = ArrayPool<long>.Shared.Rent(capacity);
        private int _count;

        public Span<long> Span => _items.AsSpan(0, _count);

        // Inlined into the pass (compiled fully optimised at once): a separate method would run unoptimised through
        // the first analysis of a process, until tiered compilation promotes it.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(long value)
        {
            if (_count == _items.Length)
            {
                Grow(_count * 2);
            }

            _items[_count++] = value;
        }

        public void AddRange(ReadOnlySpan<long> values)
        {
            if (_count + values.Length > _items.Length)
            {
                Grow(Math.Max(_items.Length * 2, _count + values.Length));
            }

            values.CopyTo(_items.AsSpan(_count));
            _count += values.Length;
        }

        /// <summary>Makes room for <paramref name="capacity"/> values in all.</summary>
        public void Reserve(int capacity)
        {
            if (capacity > _items.Length)
            {
                Grow(capacity);
            }
        }

        /// <summary>Gives the array back to the pool; the list is empty afterwards.</summary>
        public void Release()
        {
            if (_items.Length > 0)
            {
                ArrayPool<long>.Shared.Return(_items);
            }

            (_items, _count) = ([], 0);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
        private void Grow(int size)
        {
            var bigger = ArrayPool<long>.Shared.Rent(Math.Max(8, size));
            _items.AsSpan(0, _count).CopyTo(bigger);
            if (_items.Length > 0)
            {
                ArrayPool<long>.Shared.Return(_items);
            }

            _items = bigger;
        }
    }

    internal static double Ratio(int part, int whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 6);

    internal static double? Seconds(double? micros) => micros is { } m ? Math.Round(m / MicrosPerSecond, 6) : null;

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -3; // matches no row
    }
}
