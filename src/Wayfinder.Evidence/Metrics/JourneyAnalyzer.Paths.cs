namespace Wayfinder.Evidence.Metrics;

using System.Buffers;
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
    /// longer ones are recorded as (64-bit hash, path) in arrays written in order, then radix-sorted by hash and counted
    /// run by run, comparing the paths inside each run so that two paths sharing a hash still count apart.
    /// A hash table here cost a fifth of the metrics pass in cache misses.
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

        /// <summary>The variants with the highest counts (ties at the cut included), each path with its count.</summary>
        /// <param name="pathOf">A customer's path (recomputed from the log for the few runs that can make the top).</param>
        /// <param name="isPathOf">Whether a customer's path is the one given (checks the others of a run without building their paths).</param>
        public List<(int[] Path, int Count)> Top(int top, Func<int, int[]> pathOf, Func<int, int[], bool> isPathOf)
        {
            var all = DenseEntries().ToList();
            all.AddRange(LongEntries(top, pathOf, isPathOf));
            if (top <= 0 || all.Count == 0)
            {
                return [];
            }

            var cutoff = all.Select(e => e.Count).OrderDescending().ElementAt(Math.Min(top, all.Count) - 1);
            return [.. all.Where(e => e.Count >= cutoff)];
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

        /// <summary>Counts the long paths by sorting their hashes; returns only runs that can make the top.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private List<(int[] Path, int Count)> LongEntries(int top, Func<int, int[]> pathOf, Func<int, int[], bool> isPathOf)
        {
            var total = _chunks.Sum(c => c.Count);
            // Pooled, as the chunks: a server analyses again and again.
            var keys = ArrayPool<ulong>.Shared.Rent(Math.Max(1, total));
            var refs = ArrayPool<long>.Shared.Rent(Math.Max(1, total));
            try
            {
                var at = 0;
                for (var chunk = 0; chunk < _chunks.Count; chunk++)
                {
                    var c = _chunks[chunk];
                    c.Hashes.AsSpan(0, c.Count).CopyTo(keys.AsSpan(at));
                    for (var i = 0; i < c.Count; i++)
                    {
                        refs[at + i] = c.Customers[i];
                    }

                    at += c.Count;
                }

                RadixSort(keys.AsSpan(0, total), refs.AsSpan(0, total));
                var runs = LongestRuns(keys.AsSpan(0, total), Math.Max(top, 0) * 2 + 1);

                // Only the longest runs can hold a top variant (a run splits further only when paths share a hash).
                var result = new List<(int[] Path, int Count)>();
                foreach (var (start, length) in runs)
                {
                    var groups = new List<(int[] Path, int Count)>();
                    for (var i = start; i < start + length; i++)
                    {
                        var customer = (int)refs[i];
                        var found = -1;
                        for (var g = 0; g < groups.Count && found < 0; g++)
                        {
                            if (isPathOf(customer, groups[g].Path))
                            {
                                found = g;
                            }
                        }

                        if (found < 0)
                        {
                            groups.Add((pathOf(customer), 1));
                        }
                        else
                        {
                            groups[found] = (groups[found].Path, groups[found].Count + 1);
                        }
                    }

                    result.AddRange(groups);
                }

                return result;
            }
            finally
            {
                ArrayPool<ulong>.Shared.Return(keys);
                ArrayPool<long>.Shared.Return(refs);
            }
        }

        /// <summary>
        /// The <paramref name="wanted"/> longest runs of equal keys and every other run as long as the shortest of them,
        /// longest first, found by counting run lengths instead of sorting a million runs.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static List<(int Start, int Length)> LongestRuns(ReadOnlySpan<ulong> keys, int wanted)
        {
            var lengths = new Dictionary<int, int>();
            for (var i = 0; i < keys.Length;)
            {
                var length = RunLength(keys, i);
                lengths[length] = lengths.GetValueOrDefault(length) + 1;
                i += length;
            }

            var above = 0;
            var cutoff = 0;
            foreach (var (length, count) in lengths.OrderByDescending(kv => kv.Key))
            {
                cutoff = length;
                if (above + count >= wanted)
                {
                    break;
                }

                above += count;
            }

            // Every run at the cutoff length: taking only some (in hash order) let the hash decide ties at the cut,
            // where variants order by their ids (and the ClickHouse store, counting in SQL, must give the same).
            var result = new List<(int Start, int Length)>();
            for (var i = 0; i < keys.Length;)
            {
                var length = RunLength(keys, i);
                if (length >= cutoff)
                {
                    result.Add((i, length));
                }

                i += length;
            }

            return [.. result.OrderByDescending(r => r.Length)];
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static int RunLength(ReadOnlySpan<ulong> keys, int start)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            return end - start;
        }

        /// <summary>
        /// Sorts keys carrying their references along: one counting-sort pass on the top 16 bits, then each bucket
        /// (a few keys, or one frequent path's many equal keys) sorted on its own. Four 16-bit LSD passes, each
        /// scattering into 65,536 places, cost three times as much.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void RadixSort(Span<ulong> keys, Span<long> refs)
        {
            var n = keys.Length;
            var sortedKeysArray = ArrayPool<ulong>.Shared.Rent(Math.Max(1, n));
            var sortedRefsArray = ArrayPool<long>.Shared.Rent(Math.Max(1, n));
            var sortedKeys = sortedKeysArray.AsSpan(0, n);
            var sortedRefs = sortedRefsArray.AsSpan(0, n);
            var starts = new int[65537];
            foreach (var key in keys)
            {
                starts[(int)(key >> 48) + 1]++;
            }

            for (var d = 1; d < starts.Length; d++)
            {
                starts[d] += starts[d - 1];
            }

            var next = starts.AsSpan(0, 65536).ToArray();
            for (var i = 0; i < n; i++)
            {
                var to = next[(int)(keys[i] >> 48)]++;
                sortedKeys[to] = keys[i];
                sortedRefs[to] = refs[i];
            }

            for (var d = 0; d < 65536; d++)
            {
                var (from, length) = (starts[d], starts[d + 1] - starts[d]);
                if (length > 1)
                {
                    // Equal keys keep their order (refs ascending), as a stable sort would.
                    MemoryExtensions.Sort(sortedKeys.Slice(from, length), sortedRefs.Slice(from, length));
                    SortRefsWithinEqualKeys(sortedKeys.Slice(from, length), sortedRefs.Slice(from, length));
                }
            }

            sortedKeys.CopyTo(keys);
            sortedRefs.CopyTo(refs);
            ArrayPool<ulong>.Shared.Return(sortedKeysArray);
            ArrayPool<long>.Shared.Return(sortedRefsArray);
        }

        /// <summary>Introsort is not stable: restore input order (ascending references) inside runs of equal keys.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static void SortRefsWithinEqualKeys(Span<ulong> keys, Span<long> refs)
        {
            for (var i = 0; i < keys.Length;)
            {
                var j = i + 1;
                while (j < keys.Length && keys[j] == keys[i])
                {
                    j++;
                }

                if (j - i > 1)
                {
                    refs[i..j].Sort();
                }

                i = j;
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
