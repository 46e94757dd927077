namespace Wayfinder.Evidence.Import;

using Parquet;
using Parquet.Schema;

/// <summary>Rows under a plan's row rules (fallback ids, stitched ids, Segment's calls), for the readers that work on text.</summary>
public static partial class EventImporter
{
    /// <summary>
    /// Adds the row <paramref name="field"/> reads (a column's value by name, null when the row has none) as the plan's
    /// row rules say: the customer is the known id, else the first fallback id; a page or screen call is the event
    /// <c>Page Viewed: NAME</c>; an identify, group or alias call is an attribute row; ids seen with the known id are
    /// linked to it. Returns the row, or -1 for a bad row (reported to <paramref name="sink"/>).
    /// </summary>
    internal static int AddCall(RowSink sink, ColumnPlan plan, long line, Func<string, string?> field, out CallKind kind)
    {
        string Text(string? column) => column is null ? "" : (field(column) ?? "").Trim();
        var primary = Text(plan.CustomerId);
        var customer = primary;
        foreach (var fallback in plan.CustomerFallbacks)
        {
            customer = customer.Length > 0 ? customer : Text(fallback);
        }

        var type = Text(plan.CallType);
        kind = SegmentCalls.Kind(type);
        if (kind == CallKind.Unknown)
        {
            sink.Bad(line, "type", SegmentCalls.UnknownType(type));
            return -1;
        }

        var isEvent = SegmentCalls.IsEvent(kind);
        var eventName = SegmentCalls.EventName(kind, Text(plan.Event), Text(plan.CallName));
        var parsed = Timestamps.TryParse(field(plan.Timestamp), plan.TimestampUnit, sink.TimestampFormat, out var micros, out var reason);
        if (!sink.Check(line, customer.Length == 0, isEvent && eventName.Length == 0, parsed ? null : reason))
        {
            return -1;
        }

        var row = isEvent ? sink.Builder.AddRow(customer, micros, eventName, Text(plan.Channel)) : sink.Builder.AddAttributeRow(customer, micros);
        if (primary.Length > 0)
        {
            foreach (var (column, prefix) in plan.LinkedIds)
            {
                if (Text(column) is { Length: > 0 } id)
                {
                    sink.Builder.Link(prefix + id, primary);
                }
            }
        }

        return row;
    }

    /// <summary>
    /// The attribute a value of a call's row goes to, or null when the row keeps it as an event property (an event) or
    /// drops it (a property of an identify, group or alias call): a group call's own traits become <c>group.NAME</c>.
    /// </summary>
    internal static string? CallAttribute(CallKind kind, string column, bool isAttribute, string name) =>
        !isAttribute ? null
        : kind == CallKind.Group && column.StartsWith("traits.", StringComparison.Ordinal) ? SegmentCalls.GroupPrefix + name
        : name;

    /// <summary>A call's properties and attributes from <paramref name="field"/>, as <see cref="CallAttribute"/> says.</summary>
    internal static void SetCallValues(RowSink sink, ColumnPlan plan, int row, CallKind kind, Func<string, string?> field)
    {
        var isEvent = SegmentCalls.IsEvent(kind);
        foreach (var (column, name) in isEvent ? plan.Properties : [])
        {
            sink.Builder.Property(name).Set(row, field(column));
        }

        foreach (var (column, name) in plan.Attributes)
        {
            if ((isEvent ? name : CallAttribute(kind, column, true, name)) is { } attribute)
            {
                sink.Builder.Attribute(attribute).Set(row, field(column));
            }
        }
    }

    /// <summary>CSV rows under row rules (a vendor export as CSV), read by the RFC 4180 reader.</summary>
    private static void ReadCsvCalls(CsvRecords records, ColumnPlan plan, RowSink sink, CancellationToken cancellationToken)
    {
        var header = records.Header;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = header.Count - 1; i >= 0; i--)
        {
            index[header[i]] = i;
        }

        while (NextRecord(records, sink, cancellationToken))
        {
            var line = records.Line;
            var values = new string[records.Count];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = records[i].ToString();
            }

            string? Field(string column) => index.TryGetValue(column, out var i) ? values[i] : null;
            var r = AddCall(sink, plan, line, Field, out var kind);
            if (r >= 0)
            {
                SetCallValues(sink, plan, r, kind, Field);
            }
        }
    }

    /// <summary>A Parquet row group under row rules (a vendor export as Parquet): every column the plan reads, as text.</summary>
    private static async Task ReadRowGroupCallsAsync(ParquetReader reader, int index, long rowsBefore, ColumnPlan plan, RowSink sink, CancellationToken cancellationToken)
    {
        var fields = reader.Schema.GetDataFields().ToDictionary(f => f.Path.ToString(), StringComparer.Ordinal);
        using var group = reader.OpenRowGroupReader(index);
        var count = checked((int)group.RowCount);
        var columns = new Dictionary<string, ReadOnlyMemory<char>[]>(StringComparer.Ordinal);
        foreach (var column in plan.CoreColumns.Concat(plan.Properties.Select(p => p.Column)).Concat(plan.Attributes.Select(a => a.Column)))
        {
            if (fields.TryGetValue(column, out var field) && !columns.ContainsKey(column))
            {
                columns[column] = await ReadTextAsync(group, field, count, cancellationToken).ConfigureAwait(false);
            }
        }

        for (var i = 0; i < count; i++)
        {
            sink.Rows++;
            string? Field(string column) => columns.TryGetValue(column, out var values) ? values[i].ToString() : null;
            var r = AddCall(sink, plan, rowsBefore + i + 1, Field, out var kind);
            if (r >= 0)
            {
                SetCallValues(sink, plan, r, kind, Field);
            }
        }
    }
}
