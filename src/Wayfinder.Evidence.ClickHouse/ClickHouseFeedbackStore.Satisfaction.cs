namespace Wayfinder.Evidence.ClickHouse;

using System.Buffers;
using System.Text.Json;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Mapping;
using Wayfinder.Evidence.Store;
using Wayfinder.Evidence.Surveys;
using static ClickHouseTables;

public sealed partial class ClickHouseFeedbackStore
{
    /// <summary>Up to this many customers go into the query as a literal; more go as rows into a table of their own.</summary>
    internal const int CustomersInline = 2000;

    /// <inheritdoc/>
    /// <remarks>
    /// One query groups the answers by touchpoint and stage; per group it returns counts, and sums taken in stored order
    /// (arrayCumSum adds one by one, as the embedded engine's Average does), so the means and the NPS are computed here
    /// by the embedded engine's formulas from the same doubles.
    /// </remarks>
    public async Task<SurveyMetrics> SatisfactionAsync(Journey journey, SurveyQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(journey);
        ArgumentNullException.ThrowIfNull(query);
        await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        var mapping = JourneyMapping.Build(journey, EventLog.Empty);
        var (customers, cutTable) = await CustomersCutAsync(query.Customers, cancellationToken).ConfigureAwait(false);
        try
        {
            var groups = new Dictionary<long, JsonElement>();
            foreach (var row in await Client.QueryAsync(SatisfactionSql(mapping, query, customers), cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                groups[row.GetProperty("g").GetInt64()] = row;
            }

            // Group g > 0 is touchpoint g − 1 (its answers); g < 0 is stage −g − 1 (its touchpoints' answers and its own).
            var touchpoints = mapping.Touchpoints.Select((t, i) => Row("touchpoint", t.Id, mapping.Stages[t.Stage].Id, groups.GetValueOrDefault(i + 1))).ToList();
            var stages = mapping.Stages.Select((s, i) => Row("stage", s.Id, s.Id, groups.GetValueOrDefault(-(i + 1)))).ToList();
            var curve = stages.Select(s => new EmotionPoint(s.Id, s.Emotion, s.Responses)).ToList();
            return new SurveyMetrics(touchpoints, stages, curve);
        }
        finally
        {
            if (cutTable is not null)
            {
                await DropQuietlyAsync(cutTable).ConfigureAwait(false);
            }
        }
    }

    private string SatisfactionSql(JourneyMapping mapping, SurveyQuery query, string? customers)
    {
        var where = new List<string> { Visible };
        if (query.FromMicros is { } from)
        {
            where.Add($"ts >= {Sql.Number(from)}");
        }

        if (query.ToMicros is { } to)
        {
            where.Add($"ts < {Sql.Number(to)}");
        }

        if (customers is not null)
        {
            where.Add(customers);
        }

        if (query.Channel is { } channel)
        {
            // Stored touchpoints are never '' (none is stored as ''), so a touchpoint id '' can match no answer.
            var onChannel = mapping.Touchpoints.Where(t => string.Equals(t.Channel, channel, StringComparison.Ordinal) && t.Id.Length > 0).Select(t => t.Id).ToList();
            where.Add(onChannel.Count == 0 ? "0" : $"has({Sql.Strings(onChannel)}, touchpoint)");
        }

        var tp = mapping.Touchpoints.Count == 0 ? "0" : $"if(touchpoint = '', 0, indexOf({Sql.Strings(mapping.Touchpoints.Select(t => t.Id))}, touchpoint))";
        var stage = mapping.Stages.Count == 0 ? "0" : $"if(stage = '', 0, indexOf({Sql.Strings(mapping.Stages.Select(s => s.Id))}, stage))";
        var stageOf = mapping.Touchpoints.Count == 0 ? "0" : $"[{string.Join(", ", mapping.Touchpoints.Select(t => Sql.Number(t.Stage + 1)))}][t]";

        // answers: (batch, seq, metric, score, has_sentiment, sentiment, emotion) in stored order.
        return $"""
            SELECT g, responses, csat_n, csat_sum, ces_n, ces_sum, nps_n, promoters, detractors, sentiment_n, sentiment_sum, emotion_sum
            FROM (
                SELECT g, count() AS responses,
                    countIf(metric = 'nps') AS nps_n, countIf(metric = 'nps' AND score >= 9) AS promoters, countIf(metric = 'nps' AND score <= 6) AS detractors,
                    arraySort(x -> (x.1, x.2), groupArray((batch, seq, metric, score, has_sentiment, sentiment, emotion))) AS answers,
                    arrayFilter(x -> x.3 = 'csat', answers) AS csat, length(csat) AS csat_n, arrayCumSum(arrayMap(x -> x.4, csat))[-1] AS csat_sum,
                    arrayFilter(x -> x.3 = 'ces', answers) AS ces, length(ces) AS ces_n, arrayCumSum(arrayMap(x -> x.4, ces))[-1] AS ces_sum,
                    arrayFilter(x -> x.5 = 1, answers) AS sentiments, length(sentiments) AS sentiment_n, arrayCumSum(arrayMap(x -> x.6, sentiments))[-1] AS sentiment_sum,
                    arrayCumSum(arrayMap(x -> x.7, answers))[-1] AS emotion_sum
                FROM (
                    SELECT batch, seq, metric, score, has_sentiment, sentiment, {Emotion} AS emotion, {tp} AS t, {stage} AS s,
                        arrayJoin(if(t > 0, [toInt64(t), -toInt64({stageOf})], if(s > 0, [-toInt64(s)], emptyArrayInt64()))) AS g
                    FROM {Q(Tables.Surveys)}
                    WHERE {string.Join(" AND ", where)}
                )
                GROUP BY g
            )
            """;
    }

    /// <summary>
    /// The condition for a persona's customers: null for every answer; a literal set when small; else the customers go
    /// as rows into a table of this query's own (dropped after it), so a big segment never becomes SQL text.
    /// </summary>
    private async Task<(string? Condition, string? Table)> CustomersCutAsync(IReadOnlySet<string>? customers, CancellationToken cancellationToken)
    {
        if (customers is null)
        {
            return (null, null);
        }

        // An answer without a customer is stored with '' and belongs to no persona.
        var ids = customers.Where(c => c.Length > 0).ToList();
        if (ids.Count == 0)
        {
            return ("0", null);
        }

        if (ids.Count <= CustomersInline)
        {
            return ($"customer IN ({string.Join(", ", ids.Select(Sql.String))})", null);
        }

        var table = $"{Tables.Prefix}_cut_{Guid.NewGuid():N}";
        await Client.ExecuteAsync($"CREATE TABLE {Q(table)} (customer String) ENGINE = Memory", cancellationToken: cancellationToken).ConfigureAwait(false);
        try
        {
            await Client.InsertJsonAsync(table, ids, (json, id) => json.WriteString("customer", id), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DropQuietlyAsync(table).ConfigureAwait(false);
            throw;
        }

        return ($"customer IN (SELECT customer FROM {Q(table)})", table);
    }

    /// <summary>A touchpoint's or stage's row from its group's counts and sums, by the formulas of <see cref="SatisfactionAnalyzer"/>.</summary>
    private static SatisfactionRow Row(string scope, string id, string stageId, JsonElement group)
    {
        if (group.ValueKind != JsonValueKind.Object)
        {
            return new SatisfactionRow(scope, id, stageId, 0, null, 0, null, 0, null, 0, null, 0, null);
        }

        int Count(string name) => group.GetProperty(name).GetInt32();
        double? Mean(string count, string sum) => Count(count) is var n and > 0 ? Math.Round(group.GetProperty(sum).GetDouble() / n, 6) : null;
        var nps = Count("nps_n");
        double? npsScore = nps == 0 ? null : Math.Round(100.0 * (Count("promoters") - Count("detractors")) / nps, 6);
        return new SatisfactionRow(
            scope,
            id,
            stageId,
            Count("responses"),
            Mean("csat_n", "csat_sum"),
            Count("csat_n"),
            Mean("ces_n", "ces_sum"),
            Count("ces_n"),
            npsScore,
            nps,
            Mean("sentiment_n", "sentiment_sum"),
            Count("sentiment_n"),
            Mean("responses", "emotion_sum"));
    }
}
