namespace Wayfinder.App.Rendering;

using Wayfinder.App.Validation;
using Wayfinder.Core.Decisions;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Charts;

/// <summary>One document to render in one format; <see cref="File"/> is the document's file (relative to the root).</summary>
public sealed record RenderJob(IDocument Document, string File, RenderFormat Format);

/// <summary>What to render, or why it cannot be: an id that names no document, or a document that has none of the formats.</summary>
public sealed record RenderSelection
{
    public IReadOnlyList<RenderJob> Jobs { get; init; } = [];

    /// <summary>An id asked for that names no document; <see cref="KnownIds"/> lists those there are.</summary>
    public string? UnknownId { get; init; }
    public IReadOnlyList<string> KnownIds { get; init; } = [];

    /// <summary>A document asked for that renders to none of the formats asked for.</summary>
    public IDocument? Unsupported { get; init; }

    /// <summary>Documents asked for whose own file has errors: not rendered (without force), each with its errors.</summary>
    public IReadOnlyList<InvalidDocument> Refused { get; init; } = [];

    /// <summary>Documents whose own file has errors, rendered all the same because force was asked for.</summary>
    public IReadOnlyList<InvalidDocument> Forced { get; init; } = [];

    public bool Succeeded => UnknownId is null && Unsupported is null;
}

/// <summary>A document whose file has errors, with those errors.</summary>
public sealed record InvalidDocument(IDocument Document, string File, IReadOnlyList<Diagnostic> Errors);

/// <summary>Renders documents (journey maps, persona cards, value gap charts) and the opportunity matrix.</summary>
public sealed class RenderService
{
    /// <summary>
    /// The documents named by <paramref name="ids"/> (or every one when <paramref name="all"/>), each in every format
    /// of <paramref name="formats"/> it supports; with <paramref name="all"/>, documents that support none are skipped.
    /// </summary>
    public RenderSelection Select(Workspace workspace, IReadOnlyList<string> ids, bool all, IReadOnlyList<RenderFormat> formats)
    {
        var sources = new List<(IDocument Document, string File)>();
        sources.AddRange(workspace.Journeys.Select(j => ((IDocument)j.Document, j.File)));
        sources.AddRange(workspace.Personas.Select(p => ((IDocument)p.Document, p.File)));
        sources.AddRange(workspace.ValueGaps.Select(v => ((IDocument)v.Document, v.File)));
        var chosen = all ? [.. sources] : new List<(IDocument Document, string File)>();
        foreach (var id in ids)
        {
            var matches = sources.Where(s => s.Document.Id == id).ToList();
            if (matches.Count == 0)
            {
                return new RenderSelection { UnknownId = id, KnownIds = [.. sources.Select(s => s.Document.Id).Distinct()] };
            }

            foreach (var match in matches.Where(m => !chosen.Any(c => ReferenceEquals(c.Document, m.Document))))
            {
                if (!formats.Any(f => RenderFormats.Supports(match.Document.Kind, f)))
                {
                    return new RenderSelection { Unsupported = match.Document };
                }

                chosen.Add(match);
            }
        }

        return new RenderSelection
        {
            Jobs = [.. chosen.SelectMany(c => formats.Where(f => RenderFormats.Supports(c.Document.Kind, f)).Select(f => new RenderJob(c.Document, c.File, f)))],
        };
    }

    /// <summary>
    /// As <see cref="Select(Workspace, IReadOnlyList{string}, bool, IReadOnlyList{RenderFormat})"/> on a validated workspace:
    /// a document whose own file has errors is refused with its errors (or rendered all the same with
    /// <paramref name="force"/>); the others are rendered, so one invalid document does not stop the rest.
    /// </summary>
    public RenderSelection Select(WorkspaceCheck check, IReadOnlyList<string> ids, bool all, IReadOnlyList<RenderFormat> formats, bool force)
    {
        var selection = Select(check.Workspace, ids, all, formats);
        var errors = check.Diagnostics.Where(d => d.Severity == Severity.Error).ToLookup(d => d.File, StringComparer.Ordinal);
        var invalid = selection.Jobs
            .Where(j => errors.Contains(j.File))
            .DistinctBy(j => j.Document, ReferenceEqualityComparer.Instance)
            .Select(j => new InvalidDocument(j.Document, j.File, [.. errors[j.File]]))
            .ToList();
        if (invalid.Count == 0)
        {
            return selection;
        }

        return force
            ? selection with { Forced = invalid }
            : selection with { Jobs = [.. selection.Jobs.Where(j => !errors.Contains(j.File))], Refused = invalid };
    }

    /// <summary>One document in one format, as the bytes of its file.</summary>
    public byte[] Render(RenderJob job, Workspace workspace) => RenderFormats.Render(job.Document, job.Format, workspace);

    /// <summary>Renders one planned file laid out as <paramref name="settings"/> say (paper, lanes, stages, CSV layout).</summary>
    public byte[] Render(RenderJob job, Workspace workspace, RenderSettings settings) => RenderFormats.Render(job.Document, job.Format, workspace, settings);

    /// <summary>The value/effort matrix of ranked opportunities as SVG, PNG or PDF.</summary>
    public byte[] OpportunityMatrix(IReadOnlyList<RankedOpportunity> ranked, RenderFormat format) =>
        RenderFormats.RenderImage(DecisionCharts.OpportunityMatrixSvg(ranked), format);
}
