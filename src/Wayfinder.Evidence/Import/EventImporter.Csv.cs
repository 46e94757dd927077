namespace Wayfinder.Evidence.Import;

using System.Runtime.CompilerServices;
using nietras.SeparatedValues;
using Wayfinder.Evidence.Store;

/// <summary>CSV: the byte reader (<see cref="CsvLineParser"/>) for plain files, Sep for the rest.</summary>
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

        string[] header;
        char separator;
        using (var reader = SepHeaders.Open(() => Sep.Reader().FromText(headerText + "\n")))
        {
            header = [.. reader.Header.ColNames];
            separator = reader.Spec.Sep.Separator;
        }

        if (separator > 127)
        {
            return null;
        }

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
        using var reader = SepHeaders.Open(() => Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(stream));
        var columns = reader.Header.ColNames;
        if (columns.Count == 0)
        {
            throw new ImportAbortedException("the file is empty; an events CSV starts with a header line such as customer_id,timestamp,event");
        }

        var (plan, problem) = ColumnPresets.Resolve(options.Preset, columns, options.Mapping);
        if (plan is null)
        {
            throw new ImportAbortedException(problem!);
        }

        ReadCsvRows(reader, [.. columns], plan, sink, cancellationToken);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ReadCsvRows(SepReader reader, IReadOnlyList<string> header, ColumnPlan columns, RowSink sink, CancellationToken cancellationToken)
    {
        if (columns.HasRowRules)
        {
            ReadCsvCalls(reader, header, columns, sink, cancellationToken);
            return;
        }

        var plan = RowPlan(header, columns, sink.Builder);
        foreach (var row in reader)
        {
            if ((sink.Rows & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            sink.Rows++;
            var line = row.LineNumberFrom;
            if (row.ColCount != plan.FieldCount)
            {
                if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
                {
                    sink.Rows--;
                    continue;
                }

                sink.Bad(line, "", $"has {row.ColCount} fields but the header has {plan.FieldCount} (a truncated or malformed line)");
                continue;
            }

            var customer = row[plan.CustomerIndex].Span.Trim();
            var eventName = row[plan.EventIndex].Span.Trim();
            if (!sink.Check(line, customer, eventName, row[plan.TimeIndex].Span, plan.TimestampUnit, out var micros))
            {
                continue;
            }

            var r = sink.Builder.AddRow(customer, micros, eventName, plan.ChannelIndex < 0 ? [] : row[plan.ChannelIndex].Span.Trim());
            foreach (var (index, column) in plan.Properties)
            {
                column.Set(r, row[index].Span);
            }

            foreach (var (index, column) in plan.Attributes)
            {
                column.Set(r, row[index].Span);
            }
        }
    }
}
