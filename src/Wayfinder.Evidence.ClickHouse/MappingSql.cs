namespace Wayfinder.Evidence.ClickHouse;

using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Mapping;

/// <summary>
/// A journey's touchpoint mapping as SQL: <see cref="Touchpoint"/> is an Int32 expression over an event row's columns
/// (<c>event</c>, <c>prop_keys</c>, <c>prop_values</c>) and the customer's current attributes (<c>attr_keys</c>,
/// <c>attr_values</c>, from <see cref="CustomerAttributes"/>) giving the index of the first touchpoint (lane and item
/// order) that claims the row, or -1; the same semantics as <see cref="JourneyMapping.Build"/>.
/// </summary>
internal sealed record MappingSql(IReadOnlyList<(string Id, string Name)> Stages, IReadOnlyList<TouchpointInfo> Touchpoints, string Touchpoint)
{
    /// <summary>Per touchpoint index, its stage index.</summary>
    public IReadOnlyList<int> StageOf => [.. Touchpoints.Select(t => t.Stage)];

    /// <summary>Whether <see cref="Touchpoint"/> reads the customer's attributes (so a query must join them).</summary>
    public bool NeedsAttributes { get; init; }

    /// <summary>
    /// The mapping of <paramref name="journey"/>. <paramref name="propertyKeys"/>: the event property names the store has,
    /// which decide whether a <c>where</c> name is a property or an attribute (<see cref="FilterSql.Row"/>); null decides
    /// per row. Throws <see cref="ArgumentException"/> for an invalid <c>where</c>.
    /// </summary>
    public static MappingSql Build(Journey journey, IReadOnlySet<string>? propertyKeys = null)
    {
        ArgumentNullException.ThrowIfNull(journey);
        var stages = journey.Stages.Select(s => (s.Id, s.Name)).ToList();
        var items = JourneyMapping.TouchpointsOf(journey);
        var arms = new List<string>();
        var needsAttributes = false;
        for (var index = 0; index < items.Count; index++)
        {
            foreach (var matcher in items[index].Item.Events)
            {
                // The first claiming touchpoint wins: multiIf takes the first arm that holds.
                var condition = FilterSql.EventName(matcher.Name);
                if (matcher.Where is { } where)
                {
                    var row = FilterSql.Row(where, propertyKeys);
                    needsAttributes |= row.Contains("attr_keys", StringComparison.Ordinal);
                    condition = $"({condition} AND {row})";
                }

                arms.Add($"{condition}, {Sql.Number(index)}");
            }
        }

        var expression = arms.Count == 0 ? "toInt32(-1)" : $"toInt32(multiIf({string.Join(", ", arms)}, -1))";
        return new MappingSql(stages, [.. items.Select(t => t.Touchpoint)], expression) { NeedsAttributes = needsAttributes };
    }

    /// <summary>
    /// A subquery with one row per customer that has attributes: <c>customer</c>, <c>attr_keys</c>, <c>attr_values</c>
    /// (each attribute's latest value by (ts, seq), committed batches only).
    /// </summary>
    public static string CustomerAttributes(ClickHouseTables tables) =>
        $"""
        SELECT customer, groupArray(name) AS attr_keys, groupArray(value) AS attr_values
        FROM (SELECT customer, name, argMax(value, (ts, seq)) AS value FROM {Sql.Identifier(tables.Attributes)} WHERE {tables.Visible} GROUP BY customer, name)
        GROUP BY customer
        """;
}
