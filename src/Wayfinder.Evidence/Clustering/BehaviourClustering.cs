namespace Wayfinder.Evidence.Clustering;

using System.Globalization;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;

/// <summary>One behavioural cluster and what sets it apart.</summary>
/// <param name="Traits">Plain sentences, most distinctive first ("uses app for 81% of events (all customers: 35%)").</param>
/// <param name="Segment">A filter over customer attributes that approximates the cluster, or null when no attribute stands out.</param>
public sealed record CustomerCluster(int Index, int Size, double Share, IReadOnlyList<string> Traits, string? Segment, string Name);

/// <summary>The clusters found and how well they separate.</summary>
public sealed record ClusteringResult(int Customers, double Silhouette, IReadOnlyList<CustomerCluster> Clusters);

/// <summary>
/// Statistical personas: customers described by behaviour (touchpoint mix, channel mix, furthest stage, recency,
/// satisfaction), standardised, clustered with k-means (k-means++ seeding, fixed seed) for k = 2..6, keeping the
/// k with the best silhouette on a sample; each cluster is described by the features where it differs most from all.
/// </summary>
public static class BehaviourClustering
{
    private const int MaxK = 6;
    private const int SilhouetteSample = 1500;

    /// <summary>
    /// Customers the centres are fitted on; beyond it, on a random sample of this many, and every customer is then
    /// given the nearest centre. Fitting on all 1.9M customers of the 10M-event benchmark took 28 s.
    /// </summary>
    internal const int FitSample = 20_000;

    /// <summary>Clusters the customers of a journey on the behaviour the event store reports and the answers they gave.</summary>
    public static async Task<ClusteringResult> ClusterAsync(
        IEventStore events, IFeedbackStore feedback, Journey journey, int seed = 17, int? k = null, CancellationToken cancellationToken = default)
    {
        var behaviour = await events.BehaviourAsync(journey, cancellationToken).ConfigureAwait(false);
        if (behaviour.Customers.Count < 4)
        {
            return new ClusteringResult(behaviour.Customers.Count, 0, []);
        }

        var emotion = await feedback.EmotionByCustomerAsync(cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => Cluster(behaviour, emotion, seed, k, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static ClusteringResult Cluster(BehaviourFeatures behaviour, IReadOnlyDictionary<string, double> emotion, int seed, int? k, CancellationToken cancellationToken)
    {
        var (features, names) = Features(behaviour, emotion);
        var customers = behaviour.Customers;

        var standardized = Standardize(features, out var means, out _);
        var random = new Random(seed);
        var fitted = standardized.Length <= FitSample
            ? standardized
            : [.. Enumerable.Range(0, standardized.Length).OrderBy(_ => random.Next()).Take(FitSample).Order().Select(i => standardized[i])];
        var sample = Enumerable.Range(0, fitted.Length).OrderBy(_ => random.Next()).Take(SilhouetteSample).Order().ToArray();
        double[][] bestCenters = [];
        var bestScore = double.NegativeInfinity;
        var candidates = k is { } fixedK ? [fixedK] : Enumerable.Range(2, Math.Min(MaxK, customers.Count - 1) - 1);
        foreach (var candidate in candidates)
        {
            var centers = KMeansCenters(fitted, candidate, new Random(seed), cancellationToken);
            var score = Silhouette(fitted, Assign(fitted, centers), sample);
            if (score > bestScore + 1e-9)
            {
                (bestCenters, bestScore) = (centers, score);
            }
        }

        var best = Assign(standardized, bestCenters);

        var count = best.Max() + 1;
        var clusters = new List<CustomerCluster>();
        for (var c = 0; c < count; c++)
        {
            var members = Enumerable.Range(0, best.Length).Where(i => best[i] == c).ToArray();
            if (members.Length == 0)
            {
                continue;
            }

            var memberMeans = MeanOf(features, members);
            var traits = Describe(memberMeans, names, means);
            var segment = SegmentFor(behaviour, members);
            clusters.Add(new CustomerCluster(clusters.Count + 1, members.Length, Math.Round((double)members.Length / customers.Count, 6), traits, segment, NameFor(memberMeans, names, means)));
        }

        clusters = [.. clusters.OrderByDescending(c => c.Size).Select((c, i) => c with { Index = i + 1 })];
        return new ClusteringResult(customers.Count, Math.Round(bestScore, 6), clusters);
    }

    /// <summary>A draft persona document for a cluster.</summary>
    public static Persona ToPersona(CustomerCluster cluster, ClusteringResult result, string journeyId, DateOnly today)
    {
        var id = $"statistical-{cluster.Index}";
        var evidenceId = $"clustering-{today:yyyyMMdd}";
        return new Persona
        {
            Id = id,
            Title = cluster.Name,
            Type = PersonaType.Statistical,
            Tags = ["draft", "statistical"],
            Role = $"{cluster.Share * 100:0.#}% of {result.Customers} customers of {journeyId}".Replace(",", ".", StringComparison.Ordinal),
            Story = $"Found by clustering customers on behaviour (silhouette {result.Silhouette.ToString("0.00", CultureInfo.InvariantCulture)}). Review, name and enrich before use.",
            Behaviours = [.. cluster.Traits.Select(t => new Trait { Text = t, Evidence = [evidenceId] })],
            Segment = cluster.Segment,
            Evidence = [new EvidenceLink { Id = evidenceId, Kind = EvidenceKind.Analytics, Title = $"Behavioural clustering of {result.Customers} customers", Source = $"wayfinder personas discover {journeyId}", Date = today }],
            Review = new Review { LastReviewed = today },
        };
    }

    /// <summary>Per customer: touchpoint and channel shares of their mapped events, how far they got, recency, satisfaction.</summary>
    private static (double[][] Features, string[] Names) Features(BehaviourFeatures behaviour, IReadOnlyDictionary<string, double> emotion)
    {
        var tpCount = behaviour.Touchpoints.Count;
        var channelCount = behaviour.Channels.Count;
        var stages = behaviour.Stages;
        var names = new List<string>();
        names.AddRange(behaviour.Touchpoints.Select(t => $"tp:{t}"));
        names.AddRange(behaviour.Channels.Select(c => $"ch:{c}"));
        names.Add("stage");
        names.Add("recency");
        names.Add("satisfaction");
        var rows = new double[behaviour.Customers.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            var customer = behaviour.Customers[i];
            var vector = new double[names.Count];
            double mapped = customer.MappedEvents;
            for (var t = 0; t < tpCount; t++)
            {
                vector[t] = customer.TouchpointEvents[t] / mapped;
            }

            for (var c = 0; c < channelCount; c++)
            {
                vector[tpCount + c] = customer.ChannelEvents[c] / mapped;
            }

            vector[tpCount + channelCount] = stages <= 1 ? 1 : (double)customer.FurthestStage / (stages - 1);
            vector[tpCount + channelCount + 1] = (behaviour.DataEndMicros - customer.LastMicros) / 86_400_000_000d;
            vector[tpCount + channelCount + 2] = emotion.Count > 0 && emotion.TryGetValue(customer.CustomerId, out var e) ? e : 0;
            rows[i] = vector;
        }

        return (rows, [.. names]);
    }

    private static double[][] Standardize(double[][] rows, out double[] means, out double[] deviations)
    {
        var dims = rows[0].Length;
        means = new double[dims];
        deviations = new double[dims];
        foreach (var row in rows)
        {
            for (var d = 0; d < dims; d++)
            {
                means[d] += row[d] / rows.Length;
            }
        }

        foreach (var row in rows)
        {
            for (var d = 0; d < dims; d++)
            {
                deviations[d] += (row[d] - means[d]) * (row[d] - means[d]) / rows.Length;
            }
        }

        for (var d = 0; d < dims; d++)
        {
            deviations[d] = Math.Sqrt(deviations[d]);
        }

        var m = means;
        var s = deviations;
        return [.. rows.Select(row => row.Select((v, d) => s[d] < 1e-12 ? 0 : (v - m[d]) / s[d]).ToArray())];
    }

    /// <summary>Every point's nearest centre.</summary>
    internal static int[] Assign(double[][] points, double[][] centers)
    {
        var labels = new int[points.Length];
        Parallel.For(0, points.Length, i =>
        {
            var nearest = 0;
            var nearestDistance = double.MaxValue;
            for (var c = 0; c < centers.Length; c++)
            {
                var d = Distance(points[i], centers[c]);
                if (d < nearestDistance)
                {
                    (nearest, nearestDistance) = (c, d);
                }
            }

            labels[i] = nearest;
        });
        return labels;
    }

    /// <summary>k-means (k-means++ seeding, at most 50 rounds): the centres.</summary>
    internal static double[][] KMeansCenters(double[][] points, int k, Random random, CancellationToken cancellationToken = default)
    {
        var dims = points[0].Length;
        var centers = new List<double[]> { (double[])points[random.Next(points.Length)].Clone() };
        var distance = new double[points.Length];
        while (centers.Count < k)
        {
            var total = 0.0;
            for (var i = 0; i < points.Length; i++)
            {
                distance[i] = centers.Min(center => Distance(points[i], center));
                total += distance[i];
            }

            var pick = random.NextDouble() * total;
            var chosen = points.Length - 1;
            for (var i = 0; i < points.Length; i++)
            {
                pick -= distance[i];
                if (pick <= 0)
                {
                    chosen = i;
                    break;
                }
            }

            centers.Add((double[])points[chosen].Clone());
        }

        var labels = new int[points.Length];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var changed = false;
            for (var i = 0; i < points.Length; i++)
            {
                var nearest = 0;
                var nearestDistance = double.MaxValue;
                for (var c = 0; c < k; c++)
                {
                    var d = Distance(points[i], centers[c]);
                    if (d < nearestDistance)
                    {
                        (nearest, nearestDistance) = (c, d);
                    }
                }

                changed |= labels[i] != nearest;
                labels[i] = nearest;
            }

            if (!changed && iteration > 0)
            {
                break;
            }

            var sums = new double[k][];
            var counts = new int[k];
            for (var c = 0; c < k; c++)
            {
                sums[c] = new double[dims];
            }

            for (var i = 0; i < points.Length; i++)
            {
                counts[labels[i]]++;
                for (var d = 0; d < dims; d++)
                {
                    sums[labels[i]][d] += points[i][d];
                }
            }

            for (var c = 0; c < k; c++)
            {
                if (counts[c] > 0)
                {
                    centers[c] = [.. sums[c].Select(v => v / counts[c])];
                }
            }
        }

        return [.. centers];
    }

    private static double Distance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var d = 0; d < a.Length; d++)
        {
            var diff = a[d] - b[d];
            sum += diff * diff;
        }

        return sum;
    }

    internal static double Silhouette(double[][] points, int[] labels, int[] sample)
    {
        var k = labels.Max() + 1;
        if (k < 2)
        {
            return 0;
        }

        var total = 0.0;
        foreach (var i in sample)
        {
            var sums = new double[k];
            var counts = new int[k];
            foreach (var j in sample)
            {
                if (i == j)
                {
                    continue;
                }

                sums[labels[j]] += Math.Sqrt(Distance(points[i], points[j]));
                counts[labels[j]]++;
            }

            var own = labels[i];
            var a = counts[own] == 0 ? 0 : sums[own] / counts[own];
            var b = Enumerable.Range(0, k).Where(c => c != own && counts[c] > 0).Select(c => sums[c] / counts[c]).DefaultIfEmpty(0).Min();
            total += Math.Max(a, b) == 0 ? 0 : (b - a) / Math.Max(a, b);
        }

        return total / sample.Length;
    }

    /// <summary>The members' mean of every feature, in one pass over their rows.</summary>
    private static double[] MeanOf(double[][] features, int[] members)
    {
        var sums = new double[features[0].Length];
        foreach (var i in members)
        {
            var row = features[i];
            for (var d = 0; d < sums.Length; d++)
            {
                sums[d] += row[d];
            }
        }

        return [.. sums.Select(v => v / members.Length)];
    }

    private static List<string> Describe(double[] memberMeans, string[] names, double[] means)
    {
        var traits = new List<(double Score, string Text)>();
        for (var d = 0; d < names.Length; d++)
        {
            var mean = memberMeans[d];
            var overall = means[d];
            var name = names[d];
            var difference = mean - overall;
            string text;
            if (name.StartsWith("tp:", StringComparison.Ordinal) || name.StartsWith("ch:", StringComparison.Ordinal))
            {
                var what = name.StartsWith("tp:", StringComparison.Ordinal) ? $"touchpoint {name[3..]}" : $"channel {name[3..]}";
                text = $"{what}: {Pct(mean)} of their events (all customers: {Pct(overall)})";
            }
            else if (name == "stage")
            {
                text = $"gets {Pct(mean)} of the way through the journey (all customers: {Pct(overall)})";
            }
            else if (name == "recency")
            {
                text = $"last seen {mean:0} days before the end of the data (all customers: {overall:0} days)";
            }
            else
            {
                text = $"feels {mean:+0.0;-0.0;0.0} on the −2..+2 scale in surveys (all customers: {overall:+0.0;-0.0;0.0})";
            }

            var scale = name == "recency" ? Math.Max(1, overall) : name == "satisfaction" ? 2 : Math.Max(0.05, overall);
            traits.Add((Math.Abs(difference) / scale, text.Replace(",", ".", StringComparison.Ordinal).Replace(". of", ", of", StringComparison.Ordinal)));
        }

        return [.. traits.OrderByDescending(t => t.Score).ThenBy(t => t.Text, StringComparer.Ordinal).Take(5).Select(t => t.Text)];
    }

    private static string NameFor(double[] memberMeans, string[] names, double[] means)
    {
        string? channel = null;
        var bestLift = 0.0;
        for (var d = 0; d < names.Length; d++)
        {
            if (!names[d].StartsWith("ch:", StringComparison.Ordinal))
            {
                continue;
            }

            var lift = memberMeans[d] - means[d];
            if (lift > bestLift)
            {
                (channel, bestLift) = (names[d][3..], lift);
            }
        }

        var stageIndex = Array.IndexOf(names, "stage");
        var progress = memberMeans[stageIndex];
        var depth = progress >= 0.75 ? "completers" : progress >= 0.4 ? "middle-stage customers" : "early drop-outs";
        return channel is null ? char.ToUpperInvariant(depth[0]) + depth[1..] : $"{char.ToUpperInvariant(channel[0])}{channel[1..]}-leaning {depth}";
    }

    /// <summary>Attribute values at least 1.5× as common in the cluster as overall (and held by half its members) make the segment.</summary>
    private static string? SegmentFor(BehaviourFeatures behaviour, int[] members)
    {
        var parts = new List<string>();
        var customers = behaviour.Customers;
        for (var a = 0; a < behaviour.Attributes.Count; a++)
        {
            var (name, values) = behaviour.Attributes[a];
            var best = (Value: (string?)null, Lift: 0.0);
            for (var v = 0; v < values.Count; v++)
            {
                var inCluster = (double)members.Count(i => customers[i].Attributes[a] == v) / members.Length;
                var overall = (double)customers.Count(c => c.Attributes[a] == v) / customers.Count;
                var lift = overall == 0 ? 0 : inCluster / overall;
                if (inCluster >= 0.5 && lift >= 1.5 && lift > best.Lift)
                {
                    best = (values[v], lift);
                }
            }

            if (best.Value is not null)
            {
                parts.Add($"{name} = \"{best.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
            }
        }

        return parts.Count == 0 ? null : string.Join(" and ", parts);
    }

    private static string Pct(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
