namespace Wayfinder.Evidence.ClickHouse;

using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Store;
using static ClickHouseTables;

/// <summary>
/// The per-customer queries: a segment's customers and channel mix, clustering's behaviour features. A customer is
/// anyone an import listed (the customers table: with events, or known only from attributes, as the embedded log keeps them). The store's
/// order of channels and of attribute values is the order they first arrived in (least <c>seq</c>), ties by name.
/// </summary>
public sealed partial class ClickHouseEventStore
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<CustomerEvents>> CustomersAsync(string segment, CancellationToken cancellationToken = default)
    {
        var condition = FilterSql.Segment(segment);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Client.QueryAsync(
            $"SELECT customer, events FROM ({SelectedCustomers(condition)}) ORDER BY customer",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new CustomerEvents(r.GetProperty("customer").GetString()!, r.GetProperty("events").GetInt32()))];
    }

    /// <inheritdoc/>
    public async Task<SegmentChannels> ChannelMixAsync(string? segment, CancellationToken cancellationToken = default)
    {
        var condition = segment is null ? null : FilterSql.Segment(segment);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var customers = await Client.QueryAsync($"SELECT count() AS n FROM ({SelectedCustomers(condition)})", cancellationToken: cancellationToken).ConfigureAwait(false);
        // Counted over every event, so the order (first arrival) is the store's whatever the segment.
        var selected = condition is null ? "1" : $"customer GLOBAL IN (SELECT customer FROM ({SelectedCustomers(condition)}))";
        var channels = await Client.QueryAsync(
            $"""
            SELECT channel, countIf({selected}) AS events, min(seq) AS first
            FROM {Q(Tables.Events)} WHERE {Tables.Visible} AND channel != ''
            GROUP BY channel HAVING events > 0 ORDER BY first, channel
            """,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return new SegmentChannels(
            customers[0].GetProperty("n").GetInt32(),
            [.. channels.Select(r => new ChannelEvents(r.GetProperty("channel").GetString()!, r.GetProperty("events").GetInt32()))]);
    }

    /// <inheritdoc/>
    public async Task<BehaviourFeatures> BehaviourAsync(Journey journey, CancellationToken cancellationToken = default)
    {
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var mapping = await MappingAsync(journey, cancellationToken).ConfigureAwait(false);
        var channels = await ChannelsAsync(cancellationToken).ConfigureAwait(false);
        var channelIndex = channels.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        var end = await Client.QueryAsync($"SELECT max(ts) AS end FROM {Q(Tables.Events)} WHERE {Tables.Visible}", cancellationToken: cancellationToken).ConfigureAwait(false);
        var (names, values, customerValues) = await AttributesAsync(cancellationToken).ConfigureAwait(false);
        var valueIndex = values.Select(list => list.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal)).ToList();

        // Per customer, touchpoint and channel: mapped events and the last one's time; the arrays are assembled here.
        var join = mapping.NeedsAttributes ? $"GLOBAL ANY LEFT JOIN ({MappingSql.CustomerAttributes(Tables)}) USING customer" : "";
        var rows = await Client.QueryAsync(
            $"""
            SELECT customer, tp, channel, count() AS events, max(ts) AS last
            FROM (SELECT customer, ts, channel, {mapping.Touchpoint} AS tp FROM {Q(Tables.Events)} {join} WHERE {Tables.Visible})
            WHERE tp >= 0
            GROUP BY customer, tp, channel
            ORDER BY customer, tp, channel
            """,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var customers = new List<CustomerBehaviour>();
        foreach (var group in rows.GroupBy(r => r.GetProperty("customer").GetString()!, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var touchpoints = new int[mapping.Touchpoints.Count];
            var perChannel = new int[channels.Count];
            var (furthest, last) = (-1, long.MinValue);
            foreach (var row in group)
            {
                var (tp, events) = (row.GetProperty("tp").GetInt32(), row.GetProperty("events").GetInt32());
                touchpoints[tp] += events;
                if (row.GetProperty("channel").GetString() is { Length: > 0 } channel)
                {
                    perChannel[channelIndex[channel]] += events;
                }

                furthest = Math.Max(furthest, mapping.StageOf[tp]);
                last = Math.Max(last, row.GetProperty("last").GetInt64());
            }

            var own = customerValues.GetValueOrDefault(group.Key);
            var attributes = names.Select((name, a) => own is not null && own.TryGetValue(name, out var value) ? valueIndex[a][value] : -1).ToArray();
            customers.Add(new CustomerBehaviour(group.Key, touchpoints, perChannel, furthest, last, attributes));
        }

        return new BehaviourFeatures(
            [.. mapping.Touchpoints.Select(t => t.Id)],
            channels,
            mapping.Stages.Count,
            end.Count == 0 ? 0 : end[0].GetProperty("end").GetInt64(),
            [.. names.Select((name, a) => new AttributeValues(name, values[a]))],
            customers);
    }

    /// <summary>
    /// The journey's touchpoint mapping as SQL. When a matcher has a <c>where</c>, the store's property names are read first:
    /// as in the embedded store, a name is a property when the store has that property at all, else an attribute.
    /// </summary>
    internal async Task<MappingSql> MappingAsync(Journey journey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journey);
        if (!journey.Lanes.Any(l => l.Items.Any(i => i.Events.Any(e => e.Where is not null))))
        {
            return MappingSql.Build(journey);
        }

        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Client.QueryAsync(
            $"SELECT DISTINCT arrayJoin(prop_keys) AS key FROM {Q(Tables.Events)} WHERE {Tables.Visible}",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return MappingSql.Build(journey, rows.Select(r => r.GetProperty("key").GetString()!).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>
    /// Every customer (of the customers table, or with visible events) with their number of events, and their attributes when a segment
    /// condition (SQL over <c>attr_keys</c>, <c>attr_values</c>) selects among them; null selects everyone.
    /// </summary>
    private string SelectedCustomers(string? condition)
    {
        var everyone = $"""
            SELECT customer, toInt64(sum(n)) AS events FROM (
                SELECT customer, count() AS n FROM {Q(Tables.Events)} WHERE {Tables.Visible} GROUP BY customer
                UNION ALL
                SELECT customer, toUInt64(0) AS n FROM {Q(Tables.Customers)} WHERE {Tables.Visible} GROUP BY customer
            ) GROUP BY customer
            """;
        return condition is null
            ? everyone
            : $"SELECT customer, events FROM ({everyone}) ANY LEFT JOIN ({MappingSql.CustomerAttributes(Tables)}) USING customer WHERE {condition}";
    }

    /// <summary>Every channel of the stored events, in the store's order.</summary>
    private async Task<List<string>> ChannelsAsync(CancellationToken cancellationToken)
    {
        var rows = await Client.QueryAsync(
            $"SELECT channel, min(seq) AS first FROM {Q(Tables.Events)} WHERE {Tables.Visible} AND channel != '' GROUP BY channel ORDER BY first, channel",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => r.GetProperty("channel").GetString()!)];
    }

    /// <summary>
    /// Attribute names (ordinal), each with the values some customer holds now in the store's order, and each customer's
    /// current values.
    /// </summary>
    private async Task<(List<string> Names, List<List<string>> Values, Dictionary<string, Dictionary<string, string>> Customers)> AttributesAsync(CancellationToken cancellationToken)
    {
        var current = await Client.QueryAsync(
            $"SELECT customer, name, argMax(value, (ts, seq)) AS value FROM {Q(Tables.Attributes)} WHERE {Tables.Visible} GROUP BY customer, name",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var order = await Client.QueryAsync(
            $"SELECT name, value, min(seq) AS first FROM {Q(Tables.Attributes)} WHERE {Tables.Visible} GROUP BY name, value ORDER BY name, first, value",
            cancellationToken: cancellationToken).ConfigureAwait(false);
        var customers = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        var held = new HashSet<(string, string)>();
        foreach (var row in current)
        {
            var (customer, name, value) = (Text(row, "customer"), Text(row, "name"), Text(row, "value"));
            if (!customers.TryGetValue(customer, out var own))
            {
                customers.Add(customer, own = new Dictionary<string, string>(StringComparer.Ordinal));
            }

            own[name] = value;
            held.Add((name, value));
        }

        // ORDER BY name is byte order, which is ordinal order for names without characters above U+FFFF; sort here to be sure.
        var names = order.Select(r => Text(r, "name")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var values = names.Select(name => order.Where(r => Text(r, "name") == name).Select(r => Text(r, "value")).Where(v => held.Contains((name, v))).ToList()).ToList();
        return (names, values, customers);
    }

    private static string Text(JsonElement row, string column) => row.GetProperty(column).GetString()!;
}
