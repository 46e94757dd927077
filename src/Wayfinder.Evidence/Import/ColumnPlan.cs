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

    /// <summary>Id columns tried in order when a row has no <see cref="CustomerId"/> (GA4's user_pseudo_id after user_id).</summary>
    public IReadOnlyList<string> CustomerFallbacks { get; init; } = [];

    /// <summary>
    /// Id columns stitched to the row's <see cref="CustomerId"/> when it has one (the known id wins): each non-empty
    /// value, with its prefix, becomes the same customer (GA4's user_pseudo_id, Segment's anonymousId and previousId,
    /// Mixpanel's $device_id and <c>$device:</c> + $device_id).
    /// </summary>
    public IReadOnlyList<(string Column, string Prefix)> LinkedIds { get; init; } = [];

    /// <summary>The column naming the kind of call (Segment's <c>type</c>); null when every row is an event.</summary>
    public string? CallType { get; init; }

    /// <summary>The column naming a page or screen (Segment's <c>name</c>), for the event a page or screen call becomes.</summary>
    public string? CallName { get; init; }

    /// <summary>Whether rows need more than their customer and event columns (fallback ids, stitching, calls).</summary>
    public bool HasRowRules => CustomerFallbacks.Count > 0 || LinkedIds.Count > 0 || CallType is not null;

    /// <summary>Every column the plan reads for a row's customer, time, event, channel, call or ids (not a property or attribute).</summary>
    public IEnumerable<string> CoreColumns =>
        new[] { CustomerId, Timestamp, Event, Channel, CallType, CallName }.Concat(CustomerFallbacks).Concat(LinkedIds.Select(l => l.Column))
            .OfType<string>().Distinct(StringComparer.Ordinal);
}

/// <summary>The kinds of Segment call, and the event a page or screen call becomes.</summary>
public enum CallKind
{
    /// <summary>An event of its own name (Segment's track; every row of the other presets).</summary>
    Event,

    /// <summary>A page view: the event <c>Page Viewed: NAME</c>, or <c>Page Viewed</c> without a name.</summary>
    Page,

    /// <summary>A screen view: the event <c>Screen Viewed: NAME</c>, or <c>Screen Viewed</c> without a name.</summary>
    Screen,

    /// <summary>No event: the row's traits are customer attributes (identify), group attributes (group) or only ids (alias).</summary>
    Identify,

    /// <inheritdoc cref="Identify"/>
    Group,

    /// <inheritdoc cref="Identify"/>
    Alias,

    /// <summary>A type that is not one of Segment's calls.</summary>
    Unknown,
}

/// <summary>Segment's calls (Segment Spec): which kind a <c>type</c> names and the event names of page and screen calls.</summary>
public static class SegmentCalls
{
    public const string PageViewed = "Page Viewed";
    public const string ScreenViewed = "Screen Viewed";

    /// <summary>The prefix of a group call's traits as customer attributes (<c>group.plan</c>); its groupId is the attribute group_id.</summary>
    public const string GroupPrefix = "group.";

    /// <summary>The kind of call a type names; no type is a track call (exports of track calls only).</summary>
    public static CallKind Kind(ReadOnlySpan<char> type) => type switch
    {
        "" or "track" => CallKind.Event,
        "page" => CallKind.Page,
        "screen" => CallKind.Screen,
        "identify" => CallKind.Identify,
        "group" => CallKind.Group,
        "alias" => CallKind.Alias,
        _ => CallKind.Unknown,
    };

    /// <inheritdoc cref="Kind(ReadOnlySpan{char})"/>
    public static CallKind Kind(ReadOnlySpan<byte> utf8)
    {
        Span<char> type = stackalloc char[16];
        return utf8.Length > type.Length ? CallKind.Unknown : Kind(type[..System.Text.Encoding.UTF8.GetChars(utf8, type)]);
    }

    /// <summary>Whether a call of this kind is an event (else its row carries only ids and attributes).</summary>
    public static bool IsEvent(CallKind kind) => kind is CallKind.Event or CallKind.Page or CallKind.Screen;

    /// <summary>The prefix of a page or screen view's event name; null for other calls.</summary>
    public static string? ViewPrefix(CallKind kind) => kind switch
    {
        CallKind.Page => PageViewed,
        CallKind.Screen => ScreenViewed,
        _ => null,
    };

    /// <summary>The event a row stands for: a track call's event, a view's <c>Page Viewed: NAME</c>; empty for other calls.</summary>
    public static string EventName(CallKind kind, string eventName, string name) =>
        ViewPrefix(kind) is { } prefix ? (name.Length == 0 ? prefix : $"{prefix}: {name}") : kind == CallKind.Event ? eventName : "";

    /// <summary>Why a row of an unknown type is refused.</summary>
    public static string UnknownType(string type) => $"'{type}' is not a Segment call; a row's type is track, page, screen, identify, group or alias";
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
    /// <param name="open">
    /// The file's fields are not known in advance (NDJSON: each object may have other keys): a vendor preset then reads
    /// its export's fields wherever a row has them, not only those of the first object.
    /// </param>
    public static (ColumnPlan? Plan, string? Problem) Resolve(string? preset, IReadOnlyList<string> columns, IReadOnlyDictionary<string, string>? mapping = null, bool open = false)
    {
        mapping ??= new Dictionary<string, string>();
        var fields = Fields(preset ?? DataSourcePresets.Plain);
        var actual = columns;
        if (open && fields.Ids.Length > 0)
        {
            columns = [.. columns.Union(fields.Ids.Concat(fields.Timestamp).Concat(fields.Event).Concat(fields.Linked.Select(l => l.Column)).Concat(new[] { fields.CallType, fields.CallName }.OfType<string>()), StringComparer.Ordinal)];
        }

        var ids = fields.Ids.Where(columns.Contains).ToList();
        var (customer, timestamp, eventName, channel, unit) =
            (fields.Ids.Length > 0 ? ids.FirstOrDefault() : Pick(columns, fields.Customer), Pick(columns, fields.Timestamp), Pick(columns, fields.Event), Pick(actual, fields.Channel) ?? (open ? fields.Channel.FirstOrDefault() : null), fields.Unit);
        var identity = !mapping.ContainsKey("customer_id");
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
        if (channel is not null && !columns.Contains(channel) && !open)
        {
            channel = null;
        }

        var plan = new ColumnPlan
        {
            CustomerId = customer!,
            Timestamp = timestamp!,
            Event = eventName!,
            Channel = channel,
            TimestampUnit = unit,
            Preset = preset,
            ExplicitAttributes = explicitAttributes,
            CustomerFallbacks = identity ? ids.Skip(1).ToList() : [],
            LinkedIds = identity ? [.. fields.Linked.Where(l => columns.Contains(l.Column))] : [],
            CallType = fields.CallType is { } callType && columns.Contains(callType) ? callType : null,
            CallName = fields.CallName is { } callName && columns.Contains(callName) ? callName : null,
        };
        var used = plan.CoreColumns.ToHashSet(StringComparer.Ordinal);

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

        return (plan with { Attributes = attributes, Properties = properties }, null);
    }

    /// <summary>
    /// A preset's fields. Vendor presets name their id fields in order (<c>Ids</c>: the known id first, then the ids
    /// used when a row has none) and the ids stitched to the known one; plain picks one of the usual names.
    /// </summary>
    private static PresetFields Fields(string preset) => preset switch
    {
        // GA4 BigQuery export: user_id when the property sets it, else the device's user_pseudo_id; timestamps in µs.
        DataSourcePresets.Ga4 => new(["user_id", "user_pseudo_id"], ["event_timestamp"], ["event_name"], ["platform", "traffic_source.medium"], "us", [("user_pseudo_id", "")]),
        // Segment Spec: userId, else anonymousId; anonymousId and an alias's previousId are stitched to the userId.
        DataSourcePresets.Segment => new(["userId", "anonymousId"], ["timestamp", "originalTimestamp"], ["event"], ["channel", "context.channel"], null, [("anonymousId", ""), ("previousId", "")], "type", "name"),
        // Mixpanel export, simplified ID merge: $user_id, else distinct_id (anonymous: "$device:" + $device_id).
        DataSourcePresets.Mixpanel => new(["properties.$user_id", "properties.distinct_id", "distinct_id"], ["properties.time", "time"], ["event"], ["properties.channel", "properties.mp_lib"], "s", [("properties.$device_id", ""), ("properties.$device_id", "$device:")]),
        DataSourcePresets.Plain => new([], s_timestamp, s_event, s_channel, null, [], Customer: s_customer),
        var other => throw new ImportAbortedException($"unknown preset '{other}'; use one of {string.Join(", ", Names)}"),
    };

    private sealed record PresetFields(
        string[] Ids,
        string[] Timestamp,
        string[] Event,
        string[] Channel,
        string? Unit,
        (string Column, string Prefix)[] Linked,
        string? CallType = null,
        string? CallName = null,
        string[]? Customer = null)
    {
        public string[] Customer { get; } = Customer ?? [];
    }

    /// <summary>Whether a column that is not a core field is a customer attribute or an event property, and its name.</summary>
    public static (bool IsAttribute, string Name) Classify(string? preset, string column, IReadOnlySet<string> explicitAttributes)
    {
        if (explicitAttributes.Contains(column) || (preset == DataSourcePresets.Ga4 && column.StartsWith("geo.", StringComparison.Ordinal)))
        {
            return (true, column);
        }

        if (preset == DataSourcePresets.Segment && column == "groupId")
        {
            return (true, "group_id");
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
