namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using Spectre.Console;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary><c>wayfinder list</c>: the documents of the workspace.</summary>
internal static class ListCommand
{
    /// <summary>One document as <c>--json</c> prints it. <paramref name="State"/> is the journey's state (current, future); null for other kinds.</summary>
    internal sealed record DocumentRow(DocumentKind Kind, string Id, string Title, string File, JourneyState? State, bool Stale, int Revision);

    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("list", "List the personas, journeys and value gap maps of the workspace, with their state, revision and whether they are due a review") { json };
        context.Examples[command] = ["wayfinder list", "wayfinder list --json | jq -r '.[] | select(.stale) | .file'"];
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!context.TryFindWorkspace(parse, out var root))
            {
                return ExitCodes.Failed;
            }

            var (workspace, result) = await context.Open(root).Documents.LoadAsync(cancellationToken).ConfigureAwait(false);
            var rows = Rows(workspace, context.Today);
            if (parse.GetValue(json))
            {
                context.Json(rows);
            }
            else
            {
                Print(context, rows);
            }

            var unreadable = result.Errors.Select(d => d.File).Distinct().Count();
            if (unreadable > 0)
            {
                context.Warning($"{unreadable} file(s) could not be read and are not listed; run `wayfinder validate` to see why");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    public static IReadOnlyList<DocumentRow> Rows(Workspace workspace, DateOnly today)
    {
        var cadence = workspace.Config.Defaults.ReviewCadenceDays;
        bool Stale(Review? review) => Review.IsDue(review, today, cadence);
        return
        [
            .. workspace.Personas.Select(p => new DocumentRow(DocumentKind.Persona, p.Document.Id, p.Document.Title, p.File, null, Stale(p.Document.Review), p.Document.Revision)),
            .. workspace.Journeys.Select(j => new DocumentRow(DocumentKind.Journey, j.Document.Id, j.Document.Title, j.File, j.Document.State, Stale(j.Document.Review), j.Document.Revision)),
            .. workspace.ValueGaps.Select(v => new DocumentRow(DocumentKind.ValueGap, v.Document.Id, v.Document.Title, v.File, null, Stale(v.Document.Review), v.Document.Revision)),
        ];
    }

    private static void Print(CliContext context, IReadOnlyList<DocumentRow> rows)
    {
        if (rows.Count == 0)
        {
            context.Info("no documents yet; create one with `wayfinder new persona ID` or `wayfinder new journey ID`");
            return;
        }

        var table = new Table().AddColumns("Kind", "Id", "Title", "State", "Review", "Rev.");
        foreach (var row in rows)
        {
            table.AddRow(
                KindName(row.Kind),
                Markup.Escape(row.Id),
                Markup.Escape(row.Title),
                row.State?.ToString().ToLowerInvariant() ?? "",
                row.Stale ? "[yellow]stale[/]" : "ok",
                row.Revision.ToString());
        }

        context.OutConsole.Write(table);
    }

    internal static string KindName(DocumentKind kind) => kind switch
    {
        DocumentKind.Persona => "persona",
        DocumentKind.Journey => "journey",
        _ => "value gap",
    };
}
