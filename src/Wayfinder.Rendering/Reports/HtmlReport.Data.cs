namespace Wayfinder.Rendering.Reports;

using System.Globalization;
using System.Text;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>The report's data sections: charts, satisfaction, KPIs from data, stranded touchpoints, gaps, persona checks.</summary>
public static partial class HtmlReport
{
    /// <summary>Links to the data sections after the map; <see cref="DataNavEnd"/> to those after the KPIs (in page order).</summary>
    private const string DataNav =
        "<a href=\"#funnel\">Funnel</a><a href=\"#paths\">Paths</a><a href=\"#trend\">Trend</a><a href=\"#satisfaction\">Satisfaction</a>";

    private const string DataNavEnd =
        "<a href=\"#stranded\">Stranded</a><a href=\"#gaps\">Knowledge gaps</a><a href=\"#persona-checks\">Persona checks</a>";

    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    private static void AppendData(StringBuilder sb, Journey journey, JourneyReport data, BrandStyle brand)
    {
        sb.Append("<section id=\"funnel\"><h2>Funnel</h2>");
        AppendCut(sb, data);
        sb.Append("<figure class=\"card\">").Append(DataCharts.FunnelSvg(data, journey, brand)).Append("</figure></section>");
        // A Sankey of many touchpoints is wide: it scrolls at full size rather than shrinking its labels.
        sb.Append("<section id=\"paths\"><h2>Paths</h2><div class=\"scroll\">").Append(DataCharts.FlowSvg(data, journey, brand)).Append("</div>");
        sb.Append("<details><summary>The top path variants touchpoint by touchpoint (Sankey)</summary><div class=\"scroll\">").Append(DataCharts.SankeySvg(data, journey, brand)).Append("</div></details></section>");
        sb.Append("<section id=\"trend\"><h2>Trend</h2><figure class=\"card\">").Append(DataCharts.TrendSvg(data, journey, brand)).Append("</figure></section>");

        sb.Append("<section id=\"satisfaction\"><h2>Satisfaction per stage</h2>");
        sb.Append("<p class=\"note\">CSAT 1–5, CES 1–7 (lower is easier), NPS −100…100, comment sentiment −1…1; the measured emotion (−2…+2) comes from every answer and sits beside the emotion designed on the map. ")
            .Append(SmallSampleNote(data)).Append("</p>");
        var t = data.SmallSampleSize;
        sb.Append("<table><thead><tr><th>Stage</th><th>Answers</th><th>CSAT</th><th>CES</th><th>NPS</th><th>Sentiment</th><th>Measured emotion</th><th>Designed emotion</th></tr></thead><tbody>");
        var designed = journey.Lanes.Where(l => l.KindOf().HasScore).SelectMany(l => l.Items).Where(i => i.Score is not null).ToList();
        foreach (var stage in journey.Stages)
        {
            var row = data.StageSatisfaction.FirstOrDefault(r => r.Id == stage.Id);
            var measured = data.MeasuredEmotion.FirstOrDefault(m => m.StageId == stage.Id);
            var scores = designed.Where(i => i.Stage == stage.Id).Select(i => i.Score!.Value).ToList();
            sb.Append("<tr><td>");
            Xml.Append(sb, stage.Name);
            sb.Append("</td><td class=\"num\">").Append(row?.Responses.ToString("N0", s_inv) ?? "0")
                .Append("</td><td class=\"num\">").Append(Mean(row?.Csat, row?.CsatCount ?? 0, t))
                .Append("</td><td class=\"num\">").Append(Mean(row?.Ces, row?.CesCount ?? 0, t))
                .Append("</td><td class=\"num\">").Append(row?.Nps is { } nps ? Signed(nps, "0") + N(row.NpsCount, t) : "—")
                .Append("</td><td class=\"num\">").Append(row?.Sentiment is { } sentiment ? Signed(sentiment, "0.00") + N(row.Comments, t) : "—")
                .Append("</td><td class=\"num\">").Append(measured?.Score is { } m ? MapLayoutBuilder.FormatScore(Math.Round(m, 1)) + N(measured.SampleSize, t) : "—")
                .Append("</td><td class=\"num\">").Append(scores.Count > 0 ? MapLayoutBuilder.FormatScore(Math.Round(scores.Average(), 1)) : "—")
                .Append("</td></tr>");
        }

        sb.Append("</tbody></table></section>");
    }

    private static void AppendDataKpis(StringBuilder sb, Journey journey, JourneyReport data)
    {
        sb.Append("<h3>KPIs from the data</h3>");
        if (data.Kpis.Count == 0)
        {
            sb.Append("<p class=\"empty\">No KPI on this map is bound to a metric.</p>");
            return;
        }

        sb.Append("<p class=\"note\">").Append(SmallSampleNote(data)).Append("</p>");
        sb.Append("<table><thead><tr><th>Stage</th><th>Metric</th><th>Measures</th><th>Actual</th><th>Target</th><th>Status</th></tr></thead><tbody>");
        foreach (var kpi in data.Kpis)
        {
            var (fill, text, label) = Palette.KpiStatus(kpi.Status);
            sb.Append("<tr><td>");
            Xml.Append(sb, StageName(journey, kpi.StageId));
            sb.Append("</td><td><code>");
            Xml.Append(sb, kpi.Metric);
            sb.Append("</code></td><td class=\"note\">");
            Xml.Append(sb, kpi.Definition);
            sb.Append("</td><td class=\"num\">");
            if (kpi.Problem is null)
            {
                Xml.Append(sb, kpi.ActualText);
                sb.Append(kpi.SampleSize is { } n ? N(n, data.SmallSampleSize) : "");
            }
            else
            {
                sb.Append("<span class=\"empty\">no data: ");
                Xml.Append(sb, kpi.Problem);
                sb.Append("</span>");
            }

            sb.Append("</td><td class=\"num\">");
            Xml.Append(sb, kpi.Target);
            sb.Append("</td><td><span class=\"pill\" style=\"background:").Append(fill).Append(";color:").Append(text).Append("\">").Append(label).Append("</span></td></tr>");
        }

        sb.Append("</tbody></table>");
    }

    private static void AppendDataLists(StringBuilder sb, Journey journey, JourneyReport data)
    {
        var names = JourneyTouchpoints.Of(journey).GroupBy(t => t.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        sb.Append("<section id=\"stranded\"><h2>Stranded touchpoints</h2>");
        sb.Append("<p class=\"note\">Customers whose last mapped event was at the touchpoint, longer ago than the inactivity threshold, before the last stage. Exit rate = stranded ÷ reached.</p>");
        var stranded = data.Metrics.Stranded.Where(r => r.Stranded > 0).OrderByDescending(r => r.Stranded).ThenByDescending(r => r.ExitRate).ToList();
        if (stranded.Count == 0)
        {
            sb.Append("<p class=\"empty\">No customer is stranded.</p>");
        }
        else
        {
            sb.Append("<table><thead><tr><th>Touchpoint</th><th>Stage</th><th>Stranded</th><th>Reached</th><th>Exit rate</th></tr></thead><tbody>");
            foreach (var row in stranded)
            {
                sb.Append("<tr><td>");
                Xml.Append(sb, names.GetValueOrDefault(row.TouchpointId) ?? row.TouchpointId);
                sb.Append(" <small><code>");
                Xml.Append(sb, row.TouchpointId);
                sb.Append("</code></small></td><td>");
                Xml.Append(sb, StageName(journey, row.StageId));
                sb.Append("</td><td class=\"num\">").Append(row.Stranded.ToString("N0", s_inv)).Append("</td><td class=\"num\">").Append(row.Reached.ToString("N0", s_inv))
                    .Append("</td><td class=\"num\">").Append(DataCharts.Pct(row.ExitRate)).Append(N(row.Reached, data.SmallSampleSize)).Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("</section><section id=\"gaps\"><h2>Knowledge gaps</h2>");
        if (data.Gaps.Count == 0)
        {
            sb.Append("<p class=\"empty\">No knowledge gaps: every stage and touchpoint has events and survey answers, every trait cites evidence.</p>");
        }
        else
        {
            sb.Append("<p class=\"note\">What the team does not know yet: research to do next.</p><table><thead><tr><th>Kind</th><th>Document</th><th>Target</th><th>What is missing</th></tr></thead><tbody>");
            foreach (var gap in data.Gaps.OrderBy(g => g.Kind, StringComparer.Ordinal))
            {
                sb.Append("<tr><td>");
                Xml.Append(sb, gap.Kind);
                sb.Append("</td><td><code>");
                Xml.Append(sb, gap.DocumentId);
                sb.Append("</code></td><td><code>");
                Xml.Append(sb, gap.Target);
                sb.Append("</code></td><td>");
                Xml.Append(sb, gap.Message);
                sb.Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("</section><section id=\"persona-checks\"><h2>Persona checks</h2>");
        if (data.PersonaChecks.Count == 0)
        {
            sb.Append("<p class=\"empty\">The data does not contradict this journey's personas.</p>");
        }
        else
        {
            sb.Append("<p class=\"note\">Where a persona's stated traits disagree with what its segment's data shows.</p><table><thead><tr><th>Persona</th><th>Aspect</th><th>What the data shows</th></tr></thead><tbody>");
            foreach (var check in data.PersonaChecks)
            {
                sb.Append("<tr><td>");
                Xml.Append(sb, check.PersonaId);
                sb.Append("</td><td>");
                Xml.Append(sb, check.Aspect);
                sb.Append("</td><td>");
                Xml.Append(sb, check.Message);
                sb.Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("</section>");
    }

    private static void AppendCut(StringBuilder sb, JourneyReport data)
    {
        sb.Append("<p class=\"note\">").Append(data.Metrics.Customers.ToString("N0", s_inv)).Append(" customers, ")
            .Append(data.Metrics.MappedEvents.ToString("N0", s_inv)).Append(" mapped events · ");
        Xml.Append(sb, string.IsNullOrWhiteSpace(data.Cut) ? "all data" : data.Cut);
        sb.Append("</p>");
    }

    private static string Mean(double? value, int count, int threshold) =>
        value is { } v ? v.ToString("0.0", s_inv) + N(count, threshold) : "—";

    /// <summary>A rate's n, marked as a small sample below the workspace's threshold.</summary>
    private static string N(int n, int threshold) =>
        $" <small>n={n.ToString("N0", s_inv)}</small>" + (n < threshold ? " <small class=\"small-sample\" title=\"fewer than " + threshold.ToString(s_inv) + " customers or answers\">small sample</small>" : "");

    private static string SmallSampleNote(JourneyReport data) =>
        $"n is the number of customers or answers a rate or mean is out of; below {data.SmallSampleSize.ToString(s_inv)} it is marked <small class=\"small-sample\">small sample</small>: read it as a hint, not a finding.";

    private static string Signed(double value, string format)
    {
        var abs = Math.Abs(value).ToString(format, s_inv);
        return abs.Trim('0', '.').Length == 0 ? abs : value > 0 ? "+" + abs : value < 0 ? "−" + abs : abs;
    }
}
