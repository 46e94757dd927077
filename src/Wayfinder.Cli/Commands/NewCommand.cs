namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using Wayfinder.App.Templates;
using Wayfinder.App.Workspaces;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Workspaces;

/// <summary>
/// <c>wayfinder new persona|journey|value-gap ID</c>: a new document from a template, with the schema line, or a copy of
/// one the workspace has (<c>--from</c>).
/// </summary>
internal static class NewCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("new", "Create a persona, journey map or value gap map from a template (see `wayfinder templates`)");
        command.Subcommands.Add(CreatePersona(context));
        command.Subcommands.Add(CreateJourney(context));
        command.Subcommands.Add(CreateValueGap(context));
        context.Examples[command] =
        [
            "wayfinder new persona maya --template first-time-flyer --title \"Maya, the first-time flyer\"",
            "wayfinder new journey first-flight --template airline-first-flight --persona maya",
            "wayfinder new value-gap maya-needs --persona maya",
            "wayfinder new journey sam-first-flight --from first-flight --persona business-traveller",
        ];
        return command;
    }

    private static Command CreatePersona(CliContext context)
    {
        var (id, template, title, from) = (IdArgument("persona"), TemplateOption("persona"), TitleOption(), FromOption("persona"));
        var command = new Command("persona", "Create personas/ID.yaml from a persona template, or as a copy of another persona") { id, template, title, from };
        context.Examples[command] = ["wayfinder new persona maya", "wayfinder new persona buyer --template b2b-economic-buyer --title \"Economic buyer\"", "wayfinder new persona maya-2027 --from maya"];
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse, "persona", (creator, workspace) => parse.GetValue(from) is { } source
            ? creator.DuplicateAsync(workspace, DocumentKind.Persona, source, parse.GetValue(id)!, parse.GetValue(title), null, cancellationToken)
            : creator.CreatePersonaAsync(workspace, parse.GetValue(id)!, parse.GetValue(template), parse.GetValue(title), cancellationToken)));
        return command;
    }

    private static Command CreateJourney(CliContext context)
    {
        var (id, template, title, from) = (IdArgument("journey"), TemplateOption("journey"), TitleOption(), FromOption("journey"));
        var persona = PersonaOption("The primary persona's id (replaces the template's, or the copied map's)");
        var command = new Command("journey", "Create journeys/ID.yaml from a journey template (its stages and lanes, ready to fill in), or as a copy of another map")
        {
            id, template, title, persona, from,
        };
        context.Examples[command] =
        [
            "wayfinder new journey first-flight --persona maya",
            "wayfinder new journey deal --template b2b-saas --title \"Winning the deal\"",
            "wayfinder new journey sam-first-flight --from first-flight --persona business-traveller",
        ];
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse, "journey", (creator, workspace) => parse.GetValue(from) is { } source
            ? creator.DuplicateAsync(workspace, DocumentKind.Journey, source, parse.GetValue(id)!, parse.GetValue(title), parse.GetValue(persona), cancellationToken)
            : creator.CreateJourneyAsync(workspace, parse.GetValue(id)!, parse.GetValue(template), parse.GetValue(title), parse.GetValue(persona), cancellationToken)));
        return command;
    }

    private static Command CreateValueGap(CliContext context)
    {
        var (id, title, from) = (IdArgument("value gap map"), TitleOption(), FromOption("value gap map"));
        var persona = PersonaOption("The persona whose needs the map rates (default: the only persona of the workspace, or the copied map's)");
        var command = new Command("value-gap", "Create value-gaps/ID.yaml: a persona's needs rated for us and each competitor, or a copy of another map") { id, title, persona, from };
        context.Examples[command] = ["wayfinder new value-gap maya-needs --persona maya", "wayfinder new value-gap maya-needs-2027 --from maya-needs"];
        command.SetAction((parse, cancellationToken) => RunAsync(context, parse, "value gap", (creator, workspace) => parse.GetValue(from) is { } source
            ? creator.DuplicateAsync(workspace, DocumentKind.ValueGap, source, parse.GetValue(id)!, parse.GetValue(title), parse.GetValue(persona), cancellationToken)
            : creator.CreateValueGapAsync(workspace, parse.GetValue(id)!, parse.GetValue(title), parse.GetValue(persona), cancellationToken)));
        return command;
    }

    /// <summary>Creates the document through the service and says what happened in the words of each outcome.</summary>
    private static async Task<int> RunAsync(CliContext context, ParseResult parse, string kind, Func<DocumentCreationService, WorkspaceStores, Task<CreationResult>> create)
    {
        if (!context.TryFindWorkspace(parse, out var root))
        {
            return ExitCodes.Failed;
        }

        var id = parse.GetValue<string>("ID")!;
        if (OptionValue(parse, "--from") is not null && OptionValue(parse, "--template") is not null)
        {
            context.Error("--from and --template both say what to start from; give one of them");
            return ExitCodes.Usage;
        }

        var result = await create(context.Get<DocumentCreationService>(), context.Open(root)).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case CreationOutcome.InvalidId:
                context.Error($"\"{id}\" is not a valid id: use lowercase letters, digits and single dashes, e.g. \"{result.Suggestion}\"");
                return ExitCodes.Usage;
            case CreationOutcome.Exists:
                context.Error($"a document with id \"{id}\" already exists ({context.Display(Path.Combine(root, result.File!))}); choose another id or edit that file");
                return ExitCodes.Failed;
            case CreationOutcome.UnknownTemplate:
                var requested = parse.GetValue<string?>("--template") ?? "";
                context.Error($"unknown {kind} template \"{requested}\".{Suggestions.DidYouMean(requested, result.Known)} Templates: {string.Join(", ", result.Known)}");
                return ExitCodes.Usage;
            case CreationOutcome.NeedsPersona:
                var known = result.Known.Count == 0 ? "there are none yet; create one with `wayfinder new persona ID`" : "one of: " + string.Join(", ", result.Known);
                context.Error($"say whose needs the map rates with --persona ID ({known})");
                return ExitCodes.Usage;
            case CreationOutcome.UnknownSource:
                var source = OptionValue(parse, "--from") ?? "";
                var what = kind == "value gap" ? "value gap map" : kind;
                context.Error($"there is no {what} \"{source}\" to copy.{Suggestions.DidYouMean(source, result.Known)} "
                    + (result.Known.Count == 0 ? $"The workspace has no {what} yet." : $"The workspace has: {string.Join(", ", result.Known)}"));
                return ExitCodes.Failed;
            default:
                break;
        }

        var how = result.Source is { } copied ? $"as a copy of \"{copied}\""
            : result.Template is { } template ? $"from template \"{template}\""
            : $"for persona \"{result.Persona}\"";
        context.Info($"created {context.Display(Path.Combine(root, result.Document!.File))} {how}");
        var personaTemplates = TemplateCatalog.Personas.Select(t => t.Id).ToHashSet();
        foreach (var missing in result.MissingPersonas)
        {
            if (result.Document!.Kind == DocumentKind.ValueGap)
            {
                context.Warning($"no persona \"{missing}\" in the workspace yet{Suggestions.DidYouMean(missing, result.Personas)} "
                    + $"(create it with `wayfinder new persona {missing}`)");
                continue;
            }

            var withTemplate = personaTemplates.Contains(missing) ? $" --template {missing}" : "";
            context.Warning($"the journey refers to persona \"{missing}\", which is not in the workspace yet{Suggestions.DidYouMean(missing, result.Personas)}; "
                + $"create it with `wayfinder new persona {missing}{withTemplate}` or pass --persona ID");
        }

        return ExitCodes.Ok;
    }

    private static Argument<string> IdArgument(string what) => new("ID") { Description = $"The {what}'s id: a slug such as first-flight; also the file name" };

    private static Option<string?> TemplateOption(string kind) => new("--template", "-t")
    {
        Description = $"The {kind} template to start from (see `wayfinder templates`)",
        HelpName = "TEMPLATE",
    };

    private static Option<string?> TitleOption() => new("--title") { Description = "The title (default: from the id, e.g. first-flight → First flight)", HelpName = "TITLE" };

    /// <summary>An option's value, or null when the command has no such option.</summary>
    private static string? OptionValue(ParseResult parse, string name) =>
        parse.CommandResult.Command.Options.Any(o => o.Name == name) ? parse.GetValue<string?>(name) : null;

    private static Option<string?> FromOption(string kind) => new("--from") { Description = $"Copy this {kind} of the workspace instead of starting from a template", HelpName = "ID" };

    private static Option<string?> PersonaOption(string description) => new("--persona", "-p") { Description = description, HelpName = "PERSONA" };

}
