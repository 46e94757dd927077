namespace Wayfinder.Evidence.Metrics;

using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Mapping;

/// <summary>Path variants: counted in the pass, the top ones rebuilt from the log.</summary>
public static partial class JourneyAnalyzer
{
    private static List<PathVariant> Variants(JourneyMapping mapping, VariantTable table, int customers, int top, Func<int, int[]> pathOf, Func<int, int[], bool> isPathOf)
    {
        if (top <= 0)
        {
            return [];
        }

        // Keep the top by count first (cheap), then break ties by the ids for a deterministic order.
        return table.Top(top, pathOf, isPathOf)
            .Select(v => (Ids: v.Path.Select(tp => mapping.Touchpoints[tp].Id).ToArray(), v.Count))
            .OrderByDescending(v => v.Count)
            .ThenBy(v => string.Join('\u001f', v.Ids), StringComparer.Ordinal)
            .Take(top)
            .Select(v => new PathVariant(v.Ids, v.Count, Ratio(v.Count, customers)))
            .ToList();
    }

    /// <summary>Customer <paramref name="c"/>'s path of touchpoints within the cut, as the pass walks it.</summary>
    private static int[] CustomerPath(Context context, int c)
    {
        var log = context.Log;
        var path = new List<int>();
        var lastTp = -1;
        for (var r = log.CustomerStart[c]; r < log.CustomerStart[c + 1]; r++)
        {
            var t = log.Timestamps[r];
            var tp = context.TpKeys is null ? context.TpLookup[r] : context.TpLookup[context.TpKeys[r]];
            if (tp < 0 || t < context.From || t >= context.To || (context.ChannelCode != -2 && log.ChannelCodes[r] != context.ChannelCode))
            {
                continue;
            }

            if (!context.Options.CollapseRepeats || tp != lastTp)
            {
                path.Add(tp);
            }

            lastTp = tp;
        }

        return [.. path];
    }

    /// <summary>Whether customer <paramref name="c"/>'s path within the cut is <paramref name="path"/> (<see cref="CustomerPath"/> without building it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsCustomerPath(Context context, int c, int[] path)
    {
        var log = context.Log;
        var (timestamps, channelCodes, tpLookup, tpKeys) = (log.Timestamps, log.ChannelCodes, context.TpLookup, context.TpKeys);
        var (from, to, channelCode, collapse) = (context.From, context.To, context.ChannelCode, context.Options.CollapseRepeats);
        var (length, lastTp) = (0, -1);
        for (var r = log.CustomerStart[c]; r < log.CustomerStart[c + 1]; r++)
        {
            var t = timestamps[r];
            var tp = tpKeys is null ? tpLookup[r] : tpLookup[tpKeys[r]];
            if (tp < 0 || t < from || t >= to || (channelCode != -2 && channelCodes[r] != channelCode))
            {
                continue;
            }

            if (!collapse || tp != lastTp)
            {
                if (length == path.Length || path[length] != tp)
                {
                    return false;
                }

                length++;
            }

            lastTp = tp;
        }

        return length == path.Length;
    }

    /// <summary>
    /// Path variants, counted exactly. Short paths (up to three touchpoints, most customers) count in a dense array;
    /// longer ones are recorded as (64-bit hash, customer) in arrays written in order, and only those that can make the
    /// top are counted (<see cref="Top"/>). A hash table of every path here cost a fifth of the metrics pass in cache misses.
    /// </summary>
    private sealed class VariantTable
    {
        public const ulong Seed = 0xCBF29CE484222325UL;

        // index = t1 + 1 + n·(t2 + 1) + n²·(t3 + 1), with 0 meaning "no touchpoint".
        private const int DenseLength = 3;
        private const int MaxDenseTouchpoints = 40;
        private readonly int _touchpoints;
        private readonly int[] _dense;
        private readonly List<Chunk> _chunks = [];
        private readonly Chunk _current = new(1024);

        public VariantTable(int touchpoints)
        {
            _touchpoints = touchpoints;
            var radix = touchpoints + 1;
            _dense = touchpoints <= MaxDenseTouchpoints ? new int[radix * radix * radix] : [];
            _chunks.Add(_current);
        }

        public static ulong Step(ulong hash, int touchpoint) => (hash ^ (ulong)(touchpoint + 1)) * 0x100000001B3UL * 0x9E3779B97F4A7C15UL;

        /// <summary>Counts customer <paramref name="customer"/>'s path: its hash, length and first three touchpoints.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(ulong hash, int length, int p0, int p1, int p2, int customer)
        {
            if (length <= DenseLength && _dense.Length > 0)
            {
                var radix = _touchpoints + 1;
                var index = length switch
                {
                    1 => p0 + 1,
                    2 => p0 + 1 + (radix * (p1 + 1)),
                    _ => p0 + 1 + (radix * (p1 + 1)) + (radix * radix * (p2 + 1)),
                };
                _dense[index]++;
                return;
            }

            _current.Add(hash, customer);
        }

        public void MergeFrom(VariantTable other)
        {
            for (var i = 0; i < _dense.Length; i++)
            {
                _dense[i] += other._dense[i];
            }

            _chunks.AddRange(other._chunks);
        }

        private IEnumerable<(int[] Path, int Count)> DenseEntries()
        {
            var radix = _touchpoints + 1;
            for (var index = 1; index < _dense.Length; index++)
            {
                if (_dense[index] == 0)
                {
                    continue;
                }

                var path = new List<int>(DenseLength);
                for (var rest = index; rest > 0; rest /= radix)
                {
                    path.Add((rest % radix) - 1);
                }

                yield return ([.. path], _dense[index]);
            }
        }

        /// <summary>The variants with the highest counts (ties at the cut included), each path with its count.</summary>
        /// <param name="pathOf">A customer's path (recomputed from the log for the few paths that can make the top).</param>
        /// <param name="isPathOf">Whether a customer's path is the one given (checks the others without building their paths).</param>
        /// <remarks>
        /// Long paths are counted exactly only where they can make the top. Their hashes are first counted into a small
        /// table of slots: a slot's count is at least the count of every path hashed to it. Every path that can count at
        /// least a threshold is then counted exactly (<see cref="Counted"/>); the paths left out can count at most the
        /// largest of their slots' counts and hash runs' lengths under the threshold. When the <paramref name="top"/>-th
        /// highest exact count (short paths included) is above that, none of them can reach or tie it, and the top is
        /// complete; otherwise the threshold drops (to the cut when the top is full, else by half at least) and the slots
        /// are read again. Sorting all ~850,000 long paths of a 10M-event log by hash, as before, cost a quarter of the
        /// analysis; on typical data two rounds look at a few thousand.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public List<(int[] Path, int Count)> Top(int top, Func<int, int[]> pathOf, Func<int, int[], bool> isPathOf)
        {
            if (top <= 0)
            {
                return [];
            }

            var dense = DenseEntries().ToList();
            var total = _chunks.Sum(c => c.Count);
            var bits = Math.Clamp(BitOperations.Log2((uint)Math.Max(1, total / 4)), 10, 16);
            var shift = 64 - bits;
            var slots = new int[1 << bits];
            foreach (var chunk in _chunks)
            {
                foreach (var hash in chunk.Hashes.AsSpan(0, chunk.Count))
                {
                    slots[(int)(hash >> shift)]++;
                }
            }

            var threshold = Math.Max(1, KthLargest([.. slots, .. dense.Select(e => e.Count)], top));
            while (true)
            {
                var all = new List<(int[] Path, int Count)>(dense);
                var (found, longestSkipped) = Counted(slots, shift, threshold, pathOf, isPathOf);
                all.AddRange(found);

                // The most any path left out can count: its slot's count, or its run's length, both under the threshold.
                var bound = longestSkipped;
                foreach (var count in slots)
                {
                    bound = count < threshold ? Math.Max(bound, count) : bound;
                }

                var cutoff = all.Count >= top ? KthLargest([.. all.Select(e => e.Count)], top) : 0;
                if (bound == 0 || (all.Count >= top && cutoff > bound))
                {
                    // Every path that can reach the top (ties at the cut included) is counted.
                    return [.. all.Where(e => e.Count >= cutoff)];
                }

                // Lower the threshold: to the cut when the top is full (one more round finds every path reaching it),
                // else by half at least, so that the rounds stay few.
                threshold = Math.Max(1, all.Count >= top ? Math.Min(bound, cutoff) : Math.Min(bound, threshold / 2));
            }
        }

        /// <summary>The k-th largest of <paramref name="values"/> (0 when there are fewer).</summary>
        private static int KthLargest(int[] values, int k)
        {
            if (values.Length < k)
            {
                return 0;
            }

            Array.Sort(values);
            return values[^k];
        }

        /// <summary>
        /// Every long path counted at least <paramref name="threshold"/> times, counted exactly (and maybe some others), with
        /// the longest run of a hash left out for being shorter than the threshold (0 when none was).
        /// </summary>
        /// <remarks>
        /// The entries of the slots counting at least the threshold are sorted by hash; a path's count is at most its hash's
        /// run, so only runs at least that long are looked at (on data where nearly every path is different, that keeps
        /// the paths built to the few that can count). Paths sharing a 64-bit hash still count apart: each customer's
        /// path is compared with the paths of its run.
        /// </remarks>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private (List<(int[] Path, int Count)> Found, int LongestSkipped) Counted(int[] slots, int shift, int threshold, Func<int, int[]> pathOf, Func<int, int[], bool> isPathOf)
        {
            var size = 0;
            foreach (var chunk in _chunks)
            {
                foreach (var hash in chunk.Hashes.AsSpan(0, chunk.Count))
                {
                    size += slots[(int)(hash >> shift)] >= threshold ? 1 : 0;
                }
            }

            var keys = ArrayPool<ulong>.Shared.Rent(Math.Max(1, size));
            var customers = ArrayPool<int>.Shared.Rent(Math.Max(1, size));
            try
            {
                var at = 0;
                foreach (var chunk in _chunks)
                {
                    for (var i = 0; i < chunk.Count; i++)
                    {
                        if (slots[(int)(chunk.Hashes[i] >> shift)] >= threshold)
                        {
                            (keys[at], customers[at]) = (chunk.Hashes[i], chunk.Customers[i]);
                            at++;
                        }
                    }
                }

                MemoryExtensions.Sort(keys.AsSpan(0, size), customers.AsSpan(0, size));
                var result = new List<(int[] Path, int Count)>();
                var longestSkipped = 0;
                for (var start = 0; start < size;)
                {
                    var end = start + 1;
                    while (end < size && keys[end] == keys[start])
                    {
                        end++;
                    }

                    if (end - start < threshold)
                    {
                        longestSkipped = Math.Max(longestSkipped, end - start);
                    }
                    else
                    {
                        var first = result.Count;
                        for (var i = start; i < end; i++)
                        {
                            var found = -1;
                            for (var g = first; g < result.Count && found < 0; g++)
                            {
                                found = isPathOf(customers[i], result[g].Path) ? g : -1;
                            }

                            if (found < 0)
                            {
                                result.Add((pathOf(customers[i]), 1));
                            }
                            else
                            {
                                result[found] = (result[found].Path, result[found].Count + 1);
                            }
                        }
                    }

                    start = end;
                }

                return (result, longestSkipped);
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(keys);
                ArrayPool<int>.Shared.Return(customers);
            }
        }

        /// <summary>Gives the chunks' arrays back to the pool (after <see cref="Top"/>, or when the analysis is cancelled).</summary>
        public void Release()
        {
            foreach (var chunk in _chunks)
            {
                chunk.Release();
            }

            _chunks.Clear();
        }

        /// <summary>Long paths of one partition as (hash, customer), appended in order, in pooled arrays.</summary>
        private sealed class Chunk(int capacity)
        {
            public ulong[] Hashes { get; private set; } = ArrayPool<ulong>.Shared.Rent(capacity);
            public int[] Customers { get; private set; } = ArrayPool<int>.Shared.Rent(capacity);
            public int Count { get; private set; }

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public void Add(ulong hash, int customer)
            {
                if (Count == Hashes.Length || Count == Customers.Length)
                {
                    Grow();
                }

                Hashes[Count] = hash;
                Customers[Count++] = customer;
            }

            public void Release()
            {
                if (Hashes.Length > 0)
                {
                    ArrayPool<ulong>.Shared.Return(Hashes);
                    ArrayPool<int>.Shared.Return(Customers);
                }

                (Hashes, Customers, Count) = ([], [], 0);
            }

            [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
            private void Grow()
            {
                var size = Math.Max(1024, Count * 2);
                var hashes = ArrayPool<ulong>.Shared.Rent(size);
                var customers = ArrayPool<int>.Shared.Rent(size);
                Hashes.AsSpan(0, Count).CopyTo(hashes);
                Customers.AsSpan(0, Count).CopyTo(customers);
                ArrayPool<ulong>.Shared.Return(Hashes);
                ArrayPool<int>.Shared.Return(Customers);
                (Hashes, Customers) = (hashes, customers);
            }
        }
    }
}
