namespace Wayfinder.Evidence.Import;

using System.Runtime.CompilerServices;
using Wayfinder.Evidence.Store;

/// <summary>
/// CSV: the byte reader (<see cref="CsvLineParser"/>) for files without a quote, in slices when large (no slice can
/// then start inside a quoted field); <see cref="CsvRecords"/> (RFC 4180) for the rest, in one piece.
/// </summary>
public static partial class EventImporter
{
    /// <summary>
    /// Reads a CSV from its bytes (<see cref="Utf8Lines"/>, <see cref="CsvLineParser"/>), cut after its header at line breaks into one slice per
    /// core when large; null when the file needs the general reader (a quote, bytes that are not UTF-8, an unusual header).
    /// </summary>
    private static List<RowSink>? ReadCsvFast(string path, long total, EventImportOptions options, CancellationToken cancellationToken, IProgress<ImportProgress>? progress)
    {
        using var file = File.OpenHandle(path);
        var first = new byte[(int)Math.Min(total, 1 << 20)];
        var length = RandomAccess.Read(file, first, 0);
        var newline = first.AsSpan(0, length).IndexOf((byte)'\n');
        if (newline < 0)
        {
            if (total > first.Length)
            {
                throw new ImportAbortedException("the header line is longer than 1 MiB; this is not an events CSV");
            }

            newline = length;
        }

        var headerBytes = first.AsSpan(0, newline);
        if (headerBytes.Contains((byte)'"') || !System.Text.Unicode.Utf8.IsValid(headerBytes))
        {
            return null;
        }

        var headerText = Utf8Lines.HeaderText(headerBytes);
        if (string.IsNullOrWhiteSpace(headerText))
        {
            return null;
        }

        var separator = CsvRecords.DetectSeparator(headerText);
        var header = CsvRecords.CheckHeader(headerText.Split(separator));

        var (plan, problem) = ColumnPresets.Resolve(options.Preset, header, options.Mapping);
        if (plan is null)
        {
            throw new ImportAbortedException(problem!);
        }

        if (plan.HasRowRules)
        {
            return null;
        }

        var dataStart = Math.Min(total, newline + 1L);
        return ReadSlices(file, dataStart, total, linesBefore: 1, options, progress, sink =>
            new CsvLineParser(RowPlan(header, plan, sink.Builder) with { MemoLimit = options.RowMemoLimit }, (byte)separator, sink), cancellationToken);
    }

    private static CsvRowPlan RowPlan(IReadOnlyList<string> header, ColumnPlan plan, EventLogBuilder builder)
    {
        int IndexOf(string column)
        {
            for (var i = 0; i < header.Count; i++)
            {
                if (header[i] == column)
                {
                    return i;
                }
            }

            return -1;
        }

        return new CsvRowPlan(
            header.Count,
            IndexOf(plan.CustomerId),
            IndexOf(plan.Timestamp),
            IndexOf(plan.Event),
            plan.Channel is null ? -1 : IndexOf(plan.Channel),
            plan.TimestampUnit,
            [.. plan.Properties.Select(p => (IndexOf(p.Column), builder.Property(p.Name)))],
            [.. plan.Attributes.Select(p => (IndexOf(p.Column), builder.Attribute(p.Name)))]);
    }

    private static void ReadCsv(Stream stream, RowSink sink, EventImportOptions options, CancellationToken cancellationToken)
    {
        using var records = CsvRecords.Open(stream, options.MaxLineBytes);
        if (records.Header.Count == 0)
        {
            throw new ImportAbortedException("the file is empty; an events CSV starts with a header line such as customer_id,timestamp,event");
        }

        var (plan, problem) = ColumnPresets.Resolve(options.Preset, records.Header, options.Mapping);
        if (plan is null)
        {
            throw new ImportAbortedException(problem!);
        }

        ReadCsvRows(records, plan, sink, cancellationToken);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadCsvRows(CsvRecords records, ColumnPlan columns, RowSink sink, CancellationToken cancellationToken)
    {
        if (columns.HasRowRules)
        {
            ReadCsvCalls(records, columns, sink, cancellationToken);
            return;
        }

        var plan = RowPlan(records.Header, columns, sink.Builder);
        while (NextRecord(records, sink, cancellationToken))
        {
            var line = records.Line;
            if (LineBreakIn(records, plan) is { } field)
            {
                sink.Bad(line, field, $"{CsvRecords.LineBreakReason} (the row runs over lines {line}–{records.EndLine})");
                records.ResumeAfterFirstLine();
                continue;
            }

            var customer = records[plan.CustomerIndex].Trim();
            var eventName = records[plan.EventIndex].Trim();
            if (!sink.Check(line, customer, eventName, records[plan.TimeIndex], plan.TimestampUnit, out var micros))
            {
                continue;
            }

            var r = sink.Builder.AddRow(customer, micros, eventName, plan.ChannelIndex < 0 ? [] : records[plan.ChannelIndex].Trim());
            foreach (var (index, column) in plan.Properties)
            {
                column.Set(r, records[index]);
            }

            foreach (var (index, column) in plan.Attributes)
            {
                column.Set(r, records[index]);
            }
        }
    }

    /// <summary>
    /// Moves to the next record that makes a row: blank lines are skipped; a record with malformed quoting or the wrong
    /// number of fields is counted and reported as a bad row. False at the end of the file.
    /// </summary>
    private static bool NextRecord(CsvRecords records, RowSink sink, CancellationToken cancellationToken)
    {
        while (records.Read())
        {
            if ((sink.Rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (records.IsBlank)
            {
                continue;
            }

            sink.Rows++;
            if (records.Problem is { } malformed)
            {
                sink.Bad(records.Line, "", malformed);
            }
            else if (records.FieldCountProblem() is { } count)
            {
                sink.Bad(records.Line, "", count);
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The field of a record over several lines whose customer, time, event or channel holds a line break (never data there).</summary>
    private static string? LineBreakIn(CsvRecords records, CsvRowPlan plan)
    {
        if (records.EndLine == records.Line)
        {
            return null;
        }

        return records.HasLineBreak(plan.CustomerIndex) ? "customer_id"
            : records.HasLineBreak(plan.TimeIndex) ? "timestamp"
            : records.HasLineBreak(plan.EventIndex) ? "event"
            : plan.ChannelIndex >= 0 && records.HasLineBreak(plan.ChannelIndex) ? "channel"
            : null;
    }
}
