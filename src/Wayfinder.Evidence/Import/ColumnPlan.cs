namespace Wayfinder.Evidence.Import;

using Wayfinder.Core.Workspaces;

/// <summary>
/// Which source column feeds which Wayfinder field. Built from a preset (plain, ga4, segment, mixpanel) and the
/// data source's own mapping, then resolved against the columns a file actually has.
/// </summary>
public sealed record ColumnPlan
{
    public required string CustomerId { get; init; }
    public required string Timestamp { get; init; }
    public required string Event { get; init; }
    public string? Channel { get; init; }

    /// <summary>Columns that hold customer attributes, with the attribute name each becomes.</summary>
    public IReadOnlyList<(string Column, string Name)> Attributes { get; init; } = [];

    /// <summary>Columns that hold event properties, with the property name each becomes.</summary>
    public IReadOnlyList<(string Column, string Name)> Properties { get; init; } = [];

    /// <summary>s, ms, us, or null to tell epoch units from the size of the number.</summary>
    public string? TimestampUnit { get; init; }

    /// <summary>The preset the plan came from (for classifying columns met later, in NDJSON).</summary>
    public string? Preset { get; init; }

    /// <summary>Columns the mapping names as attributes.</summary>
    public IReadOnlySet<string> ExplicitAttributes { get; init; } = new HashSet<string>();
}

/// <summary>The column names of the usual exports.</summary>
public static class ColumnPresets
{
    /// <summary>The preset names, as Core owns them (<see cref="DataSourcePresets"/>).</summary>
    public static IReadOnlyList<string> Names => DataSourcePresets.Names;

    private static readonly string[] s_customer = ["customer_id", "user_id", "userId", "distinct_id", "customer", "user"];
    private static readonly string[] s_timestamp = ["timestamp", "time", "ts", "event_time", "occurred_at", "created_at"];
    private static readonly string[] s_event = ["event", "event_name", "name", "action"];
    private static readonly string[] s_channel = ["channel", "source", "medium"];
    private static readonly string[] s_attributePrefixes = ["customer.", "attributes.", "attr.", "traits.", "context.traits.", "user_properties."];
    private static readonly string[] s_propertyPrefixes = ["properties.", "event_params.", "props."];

    /// <summary>
    /// Resolves the plan for a file with these columns. <paramref name="mapping"/> (from <c>wayfinder.yaml</c>) may name
    /// customer_id, timestamp, event, channel, timestamp_unit, and list attribute columns as <c>attributes: a, b</c>.
    /// Returns the problems instead when a required field has no column.
    /// </summary>
    public static (ColumnPlan? Plan, string? Problem) Resolve(string? preset, IReadOnlyList<string> columns, IReadOnlyDictionary<string, string>? mapping = null)
    {
        mapping ??= new Dictionary<string, string>();
        var (customer, timestamp, eventName, channel, unit) = (preset ?? DataSourcePresets.Plain) switch
        {
            DataSourcePresets.Ga4 => (Pick(columns, "user_id", "user_pseudo_id"), Pick(columns, "event_timestamp"), Pick(columns, "event_name"), Pick(columns, "platform", "traffic_source.medium"), "us"),
            DataSourcePresets.Segment => (Pick(columns, "userId", "anonymousId"), Pick(columns, "timestamp", "originalTimestamp"), Pick(columns, "event"), Pick(columns, "channel", "context.channel"), null),
            DataSourcePresets.Mixpanel => (Pick(columns, "properties.distinct_id", "distinct_id"), Pick(columns, "properties.time", "time"), Pick(columns, "event"), Pick(columns, "properties.channel", "properties.mp_lib"), "s"),
            DataSourcePresets.Plain => (Pick(columns, s_customer), Pick(columns, s_timestamp), Pick(columns, s_event), Pick(columns, s_channel), (string?)null),
            var other => throw new ImportAbortedException($"unknown preset '{other}'; use one of {string.Join(", ", Names)}"),
        };
        customer = mapping.GetValueOrDefault("customer_id") ?? customer;
        timestamp = mapping.GetValueOrDefault("timestamp") ?? timestamp;
        eventName = mapping.GetValueOrDefault("event") ?? eventName;
        channel = mapping.GetValueOrDefault("channel") ?? channel;
        unit = mapping.GetValueOrDefault("timestamp_unit") ?? unit;

        var missing = new List<string>();
        void Require(string field, string? column)
        {
            if (column is null)
            {
                missing.Add($"no column for {field}");
            }
            else if (!columns.Contains(column))
            {
                missing.Add($"the column '{column}' for {field} is not in the file");
            }
        }

        Require("customer_id", customer);
        Require("timestamp", timestamp);
        Require("event", eventName);
        if (missing.Count > 0)
        {
            var known = columns.Count == 0 ? "the file has no header" : $"the file's columns are {string.Join(", ", columns.Take(20))}";
            return (null, $"{string.Join("; ", missing)} ({known}); name them in the data source's mapping in wayfinder.yaml, e.g. mapping: {{ customer_id: user, timestamp: at, event: what }}");
        }

        var explicitAttributes = ExplicitAttributes(mapping);
        var used = new HashSet<string>(StringComparer.Ordinal) { customer!, timestamp!, eventName! };
        if (channel is not null && columns.Contains(channel))
        {
            used.Add(channel);
        }
        else
        {
            channel = null;
        }

        var attributes = new List<(string, string)>();
        var properties = new List<(string, string)>();
        foreach (var column in columns)
        {
            if (used.Contains(column))
            {
                continue;
            }

            var (isAttribute, name) = Classify(preset, column, explicitAttributes);
            (isAttribute ? attributes : properties).Add((column, name));
        }

        return (new ColumnPlan
        {
            CustomerId = customer!,
            Timestamp = timestamp!,
            Event = eventName!,
            Channel = channel,
            Attributes = attributes,
            Properties = properties,
            TimestampUnit = unit,
            Preset = preset,
            ExplicitAttributes = explicitAttributes,
        }, null);
    }

    /// <summary>Whether a column that is not a core field is a customer attribute or an event property, and its name.</summary>
    public static (bool IsAttribute, string Name) Classify(string? preset, string column, IReadOnlySet<string> explicitAttributes)
    {
        if (explicitAttributes.Contains(column) || (preset == DataSourcePresets.Ga4 && column.StartsWith("geo.", StringComparison.Ordinal)))
        {
            return (true, column);
        }

        if (s_attributePrefixes.FirstOrDefault(p => column.StartsWith(p, StringComparison.Ordinal)) is { } ap)
        {
            return (true, column[ap.Length..]);
        }

        if (s_propertyPrefixes.FirstOrDefault(p => column.StartsWith(p, StringComparison.Ordinal)) is { } pp)
        {
            return (false, column[pp.Length..]);
        }

        return (false, column);
    }

    /// <summary>The attribute columns named in a mapping's <c>attributes: a, b</c>.</summary>
    public static IReadOnlySet<string> ExplicitAttributes(IReadOnlyDictionary<string, string>? mapping) =>
        (mapping?.GetValueOrDefault("attributes") ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);

    private static string? Pick(IReadOnlyList<string> columns, params string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            if (columns.Contains(candidate))
            {
                return candidate;
            }
        }

        foreach (var candidate in candidates)
        {
            var found = columns.FirstOrDefault(c => string.Equals(c, candidate, StringComparison.OrdinalIgnoreCase));
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }
}
