namespace Wayfinder.Rendering.Reports;

using System.Text;
using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.JourneyMaps;
using Wayfinder.Rendering.Personas;

/// <summary>A standalone HTML report (one file, no external assets): the map, its personas and value gaps.</summary>
public static partial class HtmlReport
{
    /// <summary>The report; staleness is judged on today's date (UTC).</summary>
    public static string Render(Journey journey, Workspace workspace) => Render(journey, workspace, (DateOnly?)null);

    /// <summary>
    /// The report with what the data says: overlays on the map, then the funnel, paths, trend, satisfaction per stage, KPIs
    /// from the data, stranded touchpoints, knowledge gaps and persona checks.
    /// </summary>
    public static string Render(Journey journey, Workspace workspace, Core.Metrics.JourneyReport data) => Render(journey, workspace, null, data);

    public static string Render(Journey journey, Workspace workspace, DateOnly? today) => Render(journey, workspace, today, null);

    /// <summary>The report with the data's overlays on the map and the data's KPI actuals in the KPI table.</summary>
    public static string Render(Journey journey, Workspace workspace, DateOnly? today, Core.Metrics.JourneyReport? data)
    {
        var options = new MapRenderOptions(today, 1f, data);
        var sb = new StringBuilder(256 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        sb.Append("<meta name=\"generator\" content=\"Wayfinder\"><title>");
        Xml.Append(sb, journey.Title);
        var brand = BrandStyle.Of(workspace);
        sb.Append("</title><style>").Append(Css).Append(brand.Css()).Append("</style></head><body>");

        sb.Append("<header>").Append(brand.LogoHtml()).Append("<p class=\"kicker\">Journey map report · ");
        Xml.Append(sb, workspace.Config.Name);
        sb.Append("</p><h1>");
        Xml.Append(sb, journey.Title);
        sb.Append("</h1>");
        if (!string.IsNullOrWhiteSpace(journey.BusinessGoal))
        {
            sb.Append("<p class=\"goal\"><strong>Business goal:</strong> ");
            Xml.Append(sb, journey.BusinessGoal);
            sb.Append("</p>");
        }

        sb.Append("<nav><a href=\"#map\">Map</a>");
        if (data is not null)
        {
            sb.Append(DataNav);
        }

        sb.Append("<a href=\"#personas\">Personas</a><a href=\"#value-gaps\">Value gaps</a><a href=\"#opportunities\">Opportunities</a><a href=\"#kpis\">KPIs</a>");
        if (data is not null)
        {
            sb.Append(DataNavEnd);
        }

        sb.Append("</nav></header><main>");

        // The map scrolls sideways; a copy of its lane-name column (a <use> of the map's own group) stays pinned at the left.
        var layout = JourneyMapRenderer.Layout(journey, workspace, options);
        var mapId = "map-" + journey.Id;
        var g = Scene.F;
        var railTop = layout.HeaderBottom;
        var railHeight = layout.GridBottom - railTop;
        sb.Append("<section id=\"map\"><h2>Journey map</h2><div class=\"scroll\"><div class=\"rail\"><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").Append(g(layout.GridLeft))
            .Append("\" height=\"").Append(g(railHeight)).Append("\" viewBox=\"0 ").Append(g(railTop)).Append(' ').Append(g(layout.GridLeft)).Append(' ').Append(g(railHeight))
            .Append("\" style=\"top:").Append(g(railTop)).Append("px\" aria-hidden=\"true\"><rect x=\"0\" y=\"").Append(g(railTop)).Append("\" width=\"").Append(g(layout.GridLeft))
            .Append("\" height=\"").Append(g(railHeight)).Append("\" fill=\"#FFFFFF\"/><use href=\"#").Append(Scene.SafeId(mapId)).Append("\"/></svg></div>")
            .Append(layout.Scene.ToSvg(journey.Title, mapId))
            .Append("</div></section>");
        if (data is not null)
        {
            AppendData(sb, journey, data, brand);
        }

        var personas = journey.Personas.Select(workspace.FindPersona).OfType<Persona>().ToList();
        sb.Append("<section id=\"personas\"><h2>Personas</h2>");
        if (personas.Count == 0)
        {
            sb.Append("<p class=\"empty\">This journey names no persona found in the workspace.</p>");
        }

        foreach (var persona in personas)
        {
            sb.Append("<figure class=\"card\">").Append(PersonaCardRenderer.RenderSvg(persona, workspace, today)).Append("</figure>");
        }

        sb.Append("</section><section id=\"value-gaps\"><h2>Value gaps</h2>");
        var gaps = workspace.ValueGaps.Select(v => v.Document).Where(v => journey.Personas.Contains(v.Persona)).ToList();
        if (gaps.Count == 0)
        {
            sb.Append("<p class=\"empty\">No value gap map for this journey's personas yet.</p>");
        }

        foreach (var map in gaps)
        {
            sb.Append("<figure class=\"card\">").Append(DecisionCharts.ValueGapSvg(ValueGapAnalysis.Analyze(map), workspace)).Append("</figure>");
        }

        sb.Append("</section><section id=\"opportunities\"><h2>Opportunities</h2>");
        var ranked = OpportunityRanking.Rank([journey]);
        sb.Append("<figure class=\"card\">").Append(DecisionCharts.OpportunityMatrixSvg(ranked, brand)).Append("</figure>");
        if (ranked.Count > 0)
        {
            sb.Append("<table><thead><tr><th>#</th><th>Opportunity</th><th>Stage</th><th>Customer value</th><th>Business value</th><th>Effort</th><th>Score</th><th>Quadrant</th><th>Status</th><th>Owner</th></tr></thead><tbody>");
            foreach (var o in ranked)
            {
                sb.Append("<tr><td>").Append(o.Rank).Append("</td><td>");
                Xml.Append(sb, o.Text);
                sb.Append("</td><td>");
                Xml.Append(sb, StageName(journey, o.Stage));
                sb.Append("</td><td class=\"num\">").Append(o.CustomerValue).Append("</td><td class=\"num\">").Append(o.BusinessValue)
                    .Append("</td><td class=\"num\">").Append(o.Effort).Append("</td><td class=\"num\">").Append(o.Score.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture))
                    .Append("</td><td>").Append(MapLayoutBuilder.QuadrantName(o.Quadrant)).Append("</td><td>").Append(MapLayoutBuilder.StatusName(o.Status)).Append("</td><td>");
                Xml.Append(sb, o.Owner);
                sb.Append("</td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        sb.Append("</section><section id=\"kpis\"><h2>").Append(LaneKinds.Of(LaneType.Kpis).DisplayName).Append("</h2>");
        var kpis = journey.Lanes.Where(l => l.Type == LaneType.Kpis).SelectMany(l => l.Items).ToList();
        if (kpis.Count == 0)
        {
            sb.Append("<p class=\"empty\">No KPIs on this map.</p>");
        }
        else
        {
            sb.Append("<table><thead><tr><th>Stage</th><th>KPI</th><th>Metric</th><th>Actual</th><th>Target</th><th>Status</th></tr></thead><tbody>");
            foreach (var kpi in kpis)
            {
                var measured = kpi.Metric is null ? null : data?.Kpis.FirstOrDefault(r => r.StageId == kpi.Stage && r.Metric == kpi.Metric && r.Problem is null);
                var k = measured is null ? kpi : kpi with { Actual = measured.ActualText, Status = measured.Status ?? kpi.Status };
                var (fill, text, label) = Palette.KpiStatus(k.Status);
                sb.Append("<tr><td>");
                Xml.Append(sb, StageName(journey, k.Stage));
                sb.Append("</td><td>");
                Xml.Append(sb, k.Text);
                sb.Append("</td><td><code>");
                Xml.Append(sb, k.Metric);
                sb.Append("</code></td><td class=\"num\">");
                Xml.Append(sb, k.Actual);
                sb.Append("</td><td class=\"num\">");
                Xml.Append(sb, k.Target);
                sb.Append("</td><td><span class=\"pill\" style=\"background:").Append(fill).Append(";color:").Append(text).Append("\">").Append(label).Append("</span></td></tr>");
            }

            sb.Append("</tbody></table>");
        }

        if (data is not null)
        {
            AppendDataKpis(sb, journey, data);
        }

        sb.Append("</section>");
        if (data is not null)
        {
            AppendDataLists(sb, journey, data);
        }

        sb.Append("</main><footer>");
        Xml.Append(sb, journey.Id);
        sb.Append(" · revision ").Append(journey.Revision).Append(" · made with Wayfinder</footer></body></html>\n");
        return sb.ToString();
    }

    private static string StageName(Journey journey, string stageId) => journey.Stages.Find(s => s.Id == stageId)?.Name ?? stageId;

    private const string Css =
        "*{box-sizing:border-box}body{margin:0;background:#F6F7F9;color:#1B1F24;font-family:'DejaVu Sans',sans-serif;font-size:14px;line-height:1.45}" +
        "header{background:#1F4E79;color:#fff;padding:28px 40px 18px}header h1{margin:4px 0 8px;font-size:28px}" +
        ".kicker{margin:0;color:#C9DAEA;font-size:12px;letter-spacing:.06em;text-transform:uppercase}.goal{margin:0 0 12px;max-width:70em}" +
        "nav a{color:#fff;margin-right:18px;font-weight:bold;text-decoration:none;border-bottom:2px solid #56B4E9}" +
        "main{padding:8px 40px 40px}section{margin-top:28px}h2{font-size:20px;border-bottom:2px solid #D5DAE1;padding-bottom:6px}" +
        ".scroll{overflow-x:auto;background:#fff;border:1px solid #D5DAE1;border-radius:8px}.scroll>svg{display:block}" +
        ".rail{position:sticky;left:0;width:0;height:0;overflow:visible;z-index:1}.rail svg{position:relative;display:block;box-shadow:4px 0 6px -4px rgba(0,0,0,.25)}" +
        ".card{display:inline-block;vertical-align:top;margin:0 16px 16px 0;background:#fff;border:1px solid #D5DAE1;border-radius:8px;overflow:hidden;max-width:100%}" +
        ".card svg{display:block;max-width:100%;height:auto}" +
        "table{border-collapse:collapse;background:#fff;margin-top:8px;min-width:60%}th,td{border:1px solid #D5DAE1;padding:6px 10px;text-align:left;vertical-align:top}" +
        "th{background:#E8EEF5}td.num{text-align:right;font-variant-numeric:tabular-nums}code{font-size:12px}" +
        "td.up{color:#00704F;font-weight:bold}td.down{color:#A84A00;font-weight:bold}.note{color:#4A5360;max-width:70em}.small-sample{background:#FFF0C2;color:#6B4E00;border-radius:3px;padding:0 3px}" +
        ".pill{display:inline-block;padding:1px 10px;border-radius:10px;font-size:12px;font-weight:bold}.empty{color:#4A5360;font-style:italic}" +
        "footer{padding:16px 40px;color:#4A5360;font-size:12px}@media print{header{background:none;color:#1B1F24}nav{display:none}.scroll{overflow:visible}}";
}
