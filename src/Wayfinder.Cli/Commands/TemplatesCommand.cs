namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using Spectre.Console;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Templates;

/// <summary><c>wayfinder templates</c>: the journey and persona templates <c>new</c> can start from.</summary>
internal static class TemplatesCommand
{
    /// <summary>One template as <c>--json</c> prints it.</summary>
    internal sealed record TemplateRow(string Kind, string Id, string Name, string Description);

    public static Command Create(CliContext context)
    {
        var json = CommonOptions.Json();
        var command = new Command("templates", "List the journey and persona templates that `wayfinder new` starts from") { json };
        context.Examples[command] =
        [
            "wayfinder templates",
            "wayfinder templates --json | jq -r '.[] | select(.kind == \"journey\") | .id'",
        ];
        command.SetAction(parse => Run(context, parse.GetValue(json)));
        return command;
    }

    public static IReadOnlyList<TemplateRow> Rows() =>
    [
        .. TemplateCatalog.Journeys.Select(t => new TemplateRow("journey", t.Id, t.Name, t.Description)),
        .. TemplateCatalog.Personas.Select(t => new TemplateRow("persona", t.Id, t.Name, t.Description)),
    ];

    private static int Run(CliContext context, bool json)
    {
        var rows = Rows();
        if (json)
        {
            context.Json(rows);
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("Kind", "Id", "Name", "Description");
        foreach (var row in rows)
        {
            table.AddRow(Markup.Escape(row.Kind), Markup.Escape(row.Id), Markup.Escape(row.Name), Markup.Escape(row.Description));
        }

        context.OutConsole.Write(table);
        context.Info("use one with: wayfinder new journey ID --template TEMPLATE (or new persona ID --template TEMPLATE)");
        return ExitCodes.Ok;
    }
}
