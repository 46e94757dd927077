namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using Spectre.Console;
using Wayfinder.App.Rendering;
using Wayfinder.App.Validation;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;
using Wayfinder.Rendering.Drawing;
using Wayfinder.Rendering.Tables;

/// <summary>
/// <c>wayfinder render</c>: journeys, persona cards and value gap charts to files. Output goes beside each document
/// (journeys/onboarding.yaml → journeys/onboarding.svg) unless <c>-o</c> names a file (one output) or a folder.
/// </summary>
internal static class RenderCommand
{
    private sealed record Output(RenderJob Job, string Path)
    {
        public IDocument Document => Job.Document;

        public RenderFormat Format => Job.Format;
    }

    /// <summary>What was asked on the command line.</summary>
    private sealed record Request(string[] Ids, string[] Formats, string? Output, bool All, bool Force, bool Json, Flavour Flavour, Layout Layout);

    /// <summary>The layout options as typed, checked in <see cref="TryParseSettings"/>.</summary>
    private sealed record Layout(string? Page, string? Orientation, string[] Lanes, string? Stages, bool EmptyLanes, bool Faces, string? CsvLayout);

    /// <summary>render draws (every format, svg by default); export writes journeys as data (mermaid, xlsx, csv; mermaid by default).</summary>
    private sealed record Flavour(string Name, IReadOnlyList<RenderFormat> Formats, RenderFormat Default);

    private static readonly Flavour s_render = new("render", Enum.GetValues<RenderFormat>(), RenderFormat.Svg);
    private static readonly Flavour s_export = new("export", [RenderFormat.Mermaid, RenderFormat.Xlsx, RenderFormat.Csv], RenderFormat.Mermaid);

    /// <summary>One file as <c>--json</c> reports it; <paramref name="Error"/> is null when it was written.</summary>
    internal sealed record RenderedFile(DocumentKind Kind, string Id, string Format, string Path, string? Error);

    public static Command Create(CliContext context) => Build(
        context,
        s_render,
        "Render journey maps (svg, png, pdf, html, xlsx, csv, mermaid, pptx, slides), persona cards and value gap charts (svg, png, pdf)",
        $"What to write: {string.Join(", ", RenderFormats.Names)} (several with commas or by repeating; default: from the -o file's extension, else svg). "
            + "Personas and value gap maps render to svg, png and pdf",
        [
            "wayfinder render onboarding                       # journeys/onboarding.svg",
            "wayfinder render onboarding --format pdf -o map.pdf",
            "wayfinder render onboarding --format slides -o deck.pdf   # 16:9 slides; --format pptx for PowerPoint",
            "wayfinder render --all --format svg,png,pdf,html -o out/",
            "wayfinder render maya --format png                # a persona card",
        ]);

    /// <summary><c>wayfinder export</c>: the same as render, for the formats that carry a journey as data.</summary>
    public static Command CreateExport(CliContext context) => Build(
        context,
        s_export,
        "Export journey maps as data: a Mermaid journey diagram, or the lanes as an Excel workbook or CSV",
        "What to write: mermaid (.mmd), xlsx or csv (several with commas; default: from the -o file's extension, else mermaid)",
        [
            "wayfinder export onboarding                       # journeys/onboarding.mmd",
            "wayfinder export onboarding --format xlsx -o onboarding.xlsx",
            "wayfinder export --all --format csv -o out/",
        ]);

    private static Command Build(CliContext context, Flavour flavour, string description, string formatDescription, IReadOnlyList<string> examples)
    {
        var ids = new Argument<string[]>("ID") { Description = $"Ids of the documents to {flavour.Name}", Arity = ArgumentArity.ZeroOrMore };
        var format = new Option<string[]>("--format") { Description = formatDescription, HelpName = "FORMAT", AllowMultipleArgumentsPerToken = false };
        var output = CommonOptions.Output("A file (when writing one document in one format) or a folder (written as ID.EXT); default: beside each document");
        var all = new Option<bool>("--all", "-a") { Description = "Every document, each in the requested formats it supports" };
        var force = CommonOptions.Force("Write even when validation finds errors");
        var json = CommonOptions.Json();
        var page = new Option<string>("--page")
        {
            Description = $"The paper a PDF is laid out on: {string.Join(", ", PageSpec.SizeNames)} (fit: the whole map on one page; default: a3 for maps)",
            HelpName = "SIZE",
        };
        var orientation = new Option<string>("--orientation")
        {
            Description = $"Which way round the paper is: {string.Join(", ", PageSpec.OrientationNames)} (default: turned to suit the drawing: landscape for a wide map, portrait for a persona card)",
            HelpName = "WAY",
        };
        var lanes = new Option<string[]>("--lanes") { Description = "The lanes to show, in this order (ids, with commas or by repeating)", HelpName = "LANE" };
        var stages = new Option<string>("--stages") { Description = "The stages to show: FROM..TO (ids), or one stage id", HelpName = "RANGE" };
        var emptyLanes = new Option<bool>("--empty-lanes") { Description = "Show lanes that have nothing in them (left out by default)" };
        var faces = new Option<bool>("--faces") { Description = "Draw a face on each point of the emotion curve" };
        var csvLayout = new Option<string>("--csv-layout") { Description = "CSV as tidy (one row per item, with ids; the default) or grid (a row per lane, a column per stage)", HelpName = "LAYOUT" };
        var command = new Command(flavour.Name, description) { ids, format, output, all, force, json, page, orientation, lanes, stages, emptyLanes, faces, csvLayout };
        context.Examples[command] = examples;
        command.SetAction((parse, cancellationToken) => RunAsync(
            context,
            parse,
            new Request(parse.GetValue(ids) ?? [], parse.GetValue(format) ?? [], parse.GetValue(output), parse.GetValue(all), parse.GetValue(force), parse.GetValue(json), flavour,
                new Layout(parse.GetValue(page), parse.GetValue(orientation), parse.GetValue(lanes) ?? [], parse.GetValue(stages), parse.GetValue(emptyLanes), parse.GetValue(faces), parse.GetValue(csvLayout))),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, Request request, CancellationToken cancellationToken)
    {
        var (ids, output, all, force) = (request.Ids, request.Output, request.All, request.Force);
        var flavour = request.Flavour;
        if (!TryParseFormats(context, request.Formats, flavour, out var formats) || !TryParseSettings(context, request.Layout, out var settings))
        {
            return ExitCodes.Usage;
        }

        if (formats.Count == 0)
        {
            // `-o map.pdf` says the format by itself; otherwise the command's default.
            formats.Add(output is not null && Path.HasExtension(output) && RenderFormats.TryParse(Path.GetExtension(output)[1..], out var fromExtension)
                && flavour.Formats.Contains(fromExtension) ? fromExtension : flavour.Default);
        }

        if (ids.Length == 0 && !all)
        {
            context.Error($"name the documents to {flavour.Name} (e.g. `wayfinder {flavour.Name} onboarding`), or pass --all; `wayfinder list` shows the ids");
            return ExitCodes.Usage;
        }

        if (!context.TryFindWorkspace(parse, out var root))
        {
            return ExitCodes.Failed;
        }

        var check = await context.Get<ValidationService>().ValidateAsync(context.Open(root), cancellationToken).ConfigureAwait(false);
        var workspace = check.Workspace;
        var renderer = context.Get<RenderService>();
        var selection = renderer.Select(check, ids, all, formats, force);
        if (selection.UnknownId is { } unknown)
        {
            var known = selection.KnownIds;
            context.Error($"no journey, persona or value gap map with id \"{unknown}\" in the workspace.{Suggestions.DidYouMean(unknown, known)} "
                + (known.Count > 0 ? $"Ids: {string.Join(", ", known)}" : "It has no documents yet."));
            return ExitCodes.Usage;
        }

        if (selection.Unsupported is { } unsupported)
        {
            context.Error($"{ListCommand.KindName(unsupported.Kind)} \"{unsupported.Id}\" renders to {string.Join(", ", RenderFormats.SupportedBy(unsupported.Kind).Select(RenderFormats.NameOf))}, "
                + $"not {string.Join(", ", formats.Select(RenderFormats.NameOf))}");
            return ExitCodes.Usage;
        }

        if (RenderViews.Problem(selection.Jobs, settings) is { } viewProblem)
        {
            context.Error(viewProblem);
            return ExitCodes.Usage;
        }

        foreach (var invalid in selection.Refused.Concat(selection.Forced))
        {
            context.Print(invalid.Errors);
        }

        foreach (var invalid in selection.Refused)
        {
            context.Error($"{ListCommand.KindName(invalid.Document.Kind)} \"{invalid.Document.Id}\" not {flavour.Name}ed: {context.Display(Path.Combine(root, invalid.File))} has "
                + $"{ValidateCommand.Count(invalid.Errors.Count, "error")}; fix them (see `wayfinder validate {invalid.File}`) or pass --force to {flavour.Name} it anyway");
        }

        foreach (var invalid in selection.Forced)
        {
            context.Warning($"{flavour.Name}ing {ListCommand.KindName(invalid.Document.Kind)} \"{invalid.Document.Id}\" despite {ValidateCommand.Count(invalid.Errors.Count, "error")} (--force)");
        }

        var outputs = selection.Jobs;
        if (outputs.Count == 0)
        {
            if (selection.Refused.Count > 0)
            {
                return ExitCodes.Failed;
            }

            context.Info("nothing to render: no document supports the requested formats");
            return ExitCodes.Ok;
        }

        // -o names a file when it has an extension and is not an existing folder; anything else is a folder.
        var namesFile = output is not null && !Directory.Exists(context.Resolve(output))
            && !output.EndsWith('/') && !output.EndsWith(Path.DirectorySeparatorChar) && Path.HasExtension(output);
        if (namesFile && outputs.Count > 1)
        {
            context.Error($"-o {output} names one file, but {outputs.Count} files are to be written; give a folder, e.g. -o out/");
            return ExitCodes.Usage;
        }

        if (namesFile && !RenderFormats.TryParse(Path.GetExtension(output!)[1..], out _))
        {
            var names = flavour.Formats.Select(RenderFormats.NameOf).ToList();
            context.Error($"-o {output}: unknown format \"{Path.GetExtension(output!)[1..]}\".{Suggestions.DidYouMean(Path.GetExtension(output!)[1..], names)} "
                + $"Formats: {string.Join(", ", names)} (for a folder, end it with /)");
            return ExitCodes.Usage;
        }

        // A slides deck is a PDF too: `-o deck.pdf --format slides` is what one writes.
        if (namesFile && RenderFormats.TryParse(Path.GetExtension(output!)[1..], out var named) && named != outputs[0].Format
            && !(named == RenderFormat.Pdf && outputs[0].Format == RenderFormat.Slides))
        {
            context.Error($"-o {output} looks like {RenderFormats.NameOf(named)}, but the format is {RenderFormats.NameOf(outputs[0].Format)}; "
                + $"pass --format {RenderFormats.NameOf(named)} or change the file name");
            return ExitCodes.Usage;
        }

        var toFile = namesFile;

        var planned = outputs.Select(o => new Output(o, toFile ? context.Resolve(output!)
            : Path.Combine(output is null ? Path.GetDirectoryName(Path.Combine(root, o.File))! : context.Resolve(output),
                $"{o.Document.Id}.{RenderFormats.Extension(o.Format)}"))).ToList();
        var duplicate = planned.GroupBy(p => p.Path).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            context.Error($"two documents would both be written to {context.Display(duplicate.Key)} (same id in two kinds); render them one at a time with -o FILE");
            return ExitCodes.Usage;
        }

        var rendered = WriteAll(context, parse, o => File.WriteAllBytes(o.Path, renderer.Render(o.Job, workspace, settings)), planned, cancellationToken);
        if (request.Json)
        {
            context.Json(rendered);
        }

        var failures = rendered.Count(r => r.Error is not null);
        var written = planned.Count - failures;
        var where = toFile ? "" : output is null ? " beside their documents" : " to " + context.Display(context.Resolve(output));
        context.Info($"{flavour.Name}ed {ValidateCommand.Count(written, "file")}{where}"
            + (failures > 0 ? $"; {failures} failed" : ""));
        return failures > 0 || selection.Refused.Count > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private static List<RenderedFile> WriteAll(CliContext context, ParseResult parse, Action<Output> write, List<Output> planned, CancellationToken cancellationToken)
    {
        var rendered = new List<RenderedFile>();
        void RenderOne(Output o)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? error = null;
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(o.Path)!);
                write(o);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                error = parse.GetValue(context.VerboseOption) ? ex.ToString() : ex.Message;
            }

            rendered.Add(new RenderedFile(o.Document.Kind, o.Document.Id, RenderFormats.NameOf(o.Format), context.Display(o.Path), error));
        }

        if (planned.Count > 1 && context.ErrConsole.Profile.Capabilities.Interactive)
        {
            context.ErrConsole.Progress().AutoClear(true).Start(progress =>
            {
                var task = progress.AddTask("rendering", maxValue: planned.Count);
                foreach (var o in planned)
                {
                    task.Description = $"{o.Document.Id}.{RenderFormats.Extension(o.Format)}";
                    RenderOne(o);
                    task.Increment(1);
                }
            });
        }
        else
        {
            planned.ForEach(RenderOne);
        }

        // Reported after the progress bar is gone, so the lines stay readable.
        foreach (var r in rendered)
        {
            if (r.Error is null)
            {
                context.Info($"wrote {r.Path}");
            }
            else
            {
                context.Error($"could not render {ListCommand.KindName(r.Kind)} \"{r.Id}\" as {r.Format}: {r.Error}");
            }
        }

        return rendered;
    }

    private static bool TryParseSettings(CliContext context, Layout layout, out RenderSettings settings)
    {
        settings = RenderSettings.Default;
        PageSpec? page = null;
        if (layout.Page is not null)
        {
            if (!PageSpec.TryParseSize(layout.Page, out var size))
            {
                context.Error($"unknown page size \"{layout.Page}\".{Suggestions.DidYouMean(layout.Page, PageSpec.SizeNames)} Sizes: {string.Join(", ", PageSpec.SizeNames)}");
                return false;
            }

            // Without --orientation the paper turns to suit the drawing: a wide map lies landscape, a persona card stands portrait.
            page = new PageSpec(size, PageOrientation.Auto);
        }

        if (layout.Orientation is not null)
        {
            if (!PageSpec.TryParseOrientation(layout.Orientation, out var way))
            {
                context.Error($"unknown orientation \"{layout.Orientation}\".{Suggestions.DidYouMean(layout.Orientation, PageSpec.OrientationNames)} "
                    + $"Orientations: {string.Join(", ", PageSpec.OrientationNames)}");
                return false;
            }

            page = (page ?? PageSpec.MapDefault) with { Orientation = way.Value };
        }

        var csvLayout = CsvLayout.Tidy;
        if (layout.CsvLayout is not null && !Enum.TryParse(layout.CsvLayout.Trim(), ignoreCase: true, out csvLayout) | int.TryParse(layout.CsvLayout, out _))
        {
            context.Error($"unknown CSV layout \"{layout.CsvLayout}\"; use tidy (one row per item, the default) or grid (a row per lane, a column per stage)");
            return false;
        }

        var lanes = layout.Lanes.SelectMany(l => l.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        settings = new RenderSettings
        {
            Page = page,
            Lanes = lanes.Count > 0 ? lanes : null,
            Stages = string.IsNullOrWhiteSpace(layout.Stages) ? null : layout.Stages.Trim(),
            ShowEmptyLanes = layout.EmptyLanes,
            Faces = layout.Faces,
            CsvLayout = csvLayout,
        };
        return true;
    }

    private static bool TryParseFormats(CliContext context, string[] texts, Flavour flavour, out List<RenderFormat> formats)
    {
        formats = [];
        foreach (var text in texts.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var names = flavour.Formats.Select(RenderFormats.NameOf).ToList();
            if (!RenderFormats.TryParse(text, out var format))
            {
                context.Error($"unknown format \"{text}\".{Suggestions.DidYouMean(text, names)} Formats: {string.Join(", ", names)}");
                return false;
            }

            if (!flavour.Formats.Contains(format))
            {
                context.Error($"{flavour.Name} writes {string.Join(", ", names)}; for {RenderFormats.NameOf(format)} use `wayfinder render`");
                return false;
            }

            if (!formats.Contains(format))
            {
                formats.Add(format);
            }
        }

        return true;
    }
}
