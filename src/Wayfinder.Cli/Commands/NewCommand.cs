namespace Wayfinder.Cli.Commands;

using System.CommandLine;
using System.Text.RegularExpressions;
using Wayfinder.Cli.Infrastructure;
using Wayfinder.Core.Documents;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Workspaces;

/// <summary><c>wayfinder new persona|journey|value-gap ID</c>: a new document from a template, with the schema line.</summary>
internal static partial class NewCommand
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
        ];
        return command;
    }

    private static Command CreatePersona(CliContext context)
    {
        var (id, template, title) = (IdArgument("persona"), TemplateOption("persona"), TitleOption());
        var command = new Command("persona", "Create personas/ID.yaml from a persona template") { id, template, title };
        context.Examples[command] = ["wayfinder new persona maya", "wayfinder new persona buyer --template b2b-economic-buyer --title \"Economic buyer\""];
        command.SetAction(parse =>
        {
            if (!Prepare(context, parse, parse.GetValue(id)!, DocumentKind.Persona, out var root, out var workspace, out var path, out var code))
            {
                return code;
            }

            var templates = TemplateCatalog.Personas;
            var chosen = PickTemplate(context, "persona", parse.GetValue(template), templates.Select(t => t.Id).ToList(), out code);
            if (chosen is null)
            {
                return code;
            }

            var persona = templates.First(t => t.Id == chosen).Create(parse.GetValue(id)!, parse.GetValue(title) ?? Humanize(parse.GetValue(id)!));
            return Write(context, root, path, persona, $"from template \"{chosen}\"");
        });
        return command;
    }

    private static Command CreateJourney(CliContext context)
    {
        var (id, template, title) = (IdArgument("journey"), TemplateOption("journey"), TitleOption());
        var persona = PersonaOption("The primary persona's id (replaces the template's)");
        var command = new Command("journey", "Create journeys/ID.yaml from a journey template: its stages and lanes, ready to fill in") { id, template, title, persona };
        context.Examples[command] = ["wayfinder new journey first-flight --persona maya", "wayfinder new journey deal --template b2b-saas --title \"Winning the deal\""];
        command.SetAction(parse =>
        {
            if (!Prepare(context, parse, parse.GetValue(id)!, DocumentKind.Journey, out var root, out var workspace, out var path, out var code))
            {
                return code;
            }

            var templates = TemplateCatalog.Journeys;
            var chosen = PickTemplate(context, "journey", parse.GetValue(template), templates.Select(t => t.Id).ToList(), out code);
            if (chosen is null)
            {
                return code;
            }

            var journey = templates.First(t => t.Id == chosen).Create(parse.GetValue(id)!, parse.GetValue(title) ?? Humanize(parse.GetValue(id)!));
            if (parse.GetValue(persona) is { } personaId)
            {
                journey = WithPrimaryPersona(journey, personaId);
            }

            var written = Write(context, root, path, journey, $"from template \"{chosen}\"");
            WarnAboutMissingPersonas(context, workspace, journey);
            return written;
        });
        return command;
    }

    private static Command CreateValueGap(CliContext context)
    {
        var (id, title) = (IdArgument("value gap map"), TitleOption());
        var persona = PersonaOption("The persona whose needs the map rates (default: the only persona of the workspace)");
        var command = new Command("value-gap", "Create value-gaps/ID.yaml: a persona's needs rated for us and each competitor") { id, title, persona };
        context.Examples[command] = ["wayfinder new value-gap maya-needs --persona maya"];
        command.SetAction(parse =>
        {
            if (!Prepare(context, parse, parse.GetValue(id)!, DocumentKind.ValueGap, out var root, out var workspace, out var path, out var code))
            {
                return code;
            }

            var personaId = parse.GetValue(persona);
            if (personaId is null)
            {
                if (workspace.Personas.Count != 1)
                {
                    var known = workspace.Personas.Count == 0 ? "there are none yet; create one with `wayfinder new persona ID`"
                        : "one of: " + string.Join(", ", workspace.Personas.Select(p => p.Document.Id));
                    context.Error($"say whose needs the map rates with --persona ID ({known})");
                    return ExitCodes.Usage;
                }

                personaId = workspace.Personas[0].Document.Id;
            }
            else
            {
                WarnIfNoPersona(context, workspace, personaId);
            }

            var map = TemplateCatalog.NewValueGap(parse.GetValue(id)!, parse.GetValue(title) ?? Humanize(parse.GetValue(id)!), personaId);
            return Write(context, root, path, map, $"for persona \"{personaId}\"");
        });
        return command;
    }

    /// <summary>Finds the workspace, checks the id, and refuses to overwrite a document with that id.</summary>
    private static bool Prepare(CliContext context, ParseResult parse, string id, DocumentKind kind, out string root, out Workspace workspace, out string path, out int code)
    {
        workspace = null!;
        path = "";
        code = ExitCodes.Ok;
        if (!context.TryFindWorkspace(parse, out root))
        {
            code = ExitCodes.Failed;
            return false;
        }

        if (!Slug().IsMatch(id))
        {
            context.Error($"\"{id}\" is not a valid id: use lowercase letters, digits and single dashes, e.g. \"{SuggestSlug(id)}\"");
            code = ExitCodes.Usage;
            return false;
        }

        path = Path.Combine(root, WorkspaceLoader.FolderOf(kind), id + ".yaml");
        workspace = WorkspaceLoader.Load(root).Workspace;
        var existing = File.Exists(path) ? context.Display(path)
            : workspace.AllDocuments.Any(d => d.Kind == kind && d.Id == id) ? $"another file of {WorkspaceLoader.FolderOf(kind)}/" : null;
        if (existing is not null)
        {
            context.Error($"a document with id \"{id}\" already exists ({existing}); choose another id or edit that file");
            code = ExitCodes.Failed;
            return false;
        }

        return true;
    }

    /// <summary>The template's id, the default when none is given, or null (and a usage error listing the valid ones).</summary>
    private static string? PickTemplate(CliContext context, string kind, string? requested, IReadOnlyList<string> ids, out int code)
    {
        code = ExitCodes.Ok;
        if (requested is null)
        {
            return ids.Contains("default") ? "default" : ids.Count > 0 ? ids[0] : null;
        }

        if (ids.Contains(requested))
        {
            return requested;
        }

        context.Error($"unknown {kind} template \"{requested}\".{Suggestions.DidYouMean(requested, ids)} Templates: {string.Join(", ", ids)}");
        code = ExitCodes.Usage;
        return null;
    }

    private static int Write(CliContext context, string root, string path, IDocument document, string how)
    {
        SchemaFiles.EnsureIn(root);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, SchemaFiles.DocumentText(document, root, path));
        context.Info($"created {context.Display(path)} {how}");
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Makes <paramref name="personaId"/> the primary persona: it replaces the template's first persona, also where a
    /// roles lane names it; the template's other personas (B2B roles) stay.
    /// </summary>
    internal static Journey WithPrimaryPersona(Journey journey, string personaId)
    {
        var previous = journey.Personas.Count > 0 ? journey.Personas[0] : null;
        List<string> personas = [personaId, .. journey.Personas.Skip(1).Where(p => p != personaId)];
        var lanes = journey.Lanes.Select(lane => lane with
        {
            Items = [.. lane.Items.Select(item => previous is not null && item.Persona == previous ? item with { Persona = personaId } : item)],
        }).ToList();
        return journey with { Personas = personas, Lanes = lanes };
    }

    /// <summary>A journey from a template names personas (and B2B roles) by id; says how to create those the workspace lacks.</summary>
    private static void WarnAboutMissingPersonas(CliContext context, Workspace workspace, Journey journey)
    {
        var referenced = journey.Personas.Concat(journey.Lanes.SelectMany(l => l.Items).Select(i => i.Persona).OfType<string>()).Distinct();
        var templates = TemplateCatalog.Personas.Select(t => t.Id).ToHashSet();
        foreach (var id in referenced.Where(id => workspace.FindPersona(id) is null))
        {
            var template = templates.Contains(id) ? $" --template {id}" : "";
            context.Warning($"the journey refers to persona \"{id}\", which is not in the workspace yet{Suggestions.DidYouMean(id, workspace.Personas.Select(p => p.Document.Id))}; "
                + $"create it with `wayfinder new persona {id}{template}` or pass --persona ID");
        }
    }

    private static void WarnIfNoPersona(CliContext context, Workspace workspace, string personaId)
    {
        if (workspace.FindPersona(personaId) is null)
        {
            context.Warning($"no persona \"{personaId}\" in the workspace yet{Suggestions.DidYouMean(personaId, workspace.Personas.Select(p => p.Document.Id))} "
                + $"(create it with `wayfinder new persona {personaId}`)");
        }
    }

    private static Argument<string> IdArgument(string what) => new("ID") { Description = $"The {what}'s id: a slug such as first-flight; also the file name" };

    private static Option<string?> TemplateOption(string kind) => new("--template", "-t")
    {
        Description = $"The {kind} template to start from (see `wayfinder templates`)",
        HelpName = "TEMPLATE",
    };

    private static Option<string?> TitleOption() => new("--title") { Description = "The title (default: from the id, e.g. first-flight → First flight)", HelpName = "TITLE" };

    private static Option<string?> PersonaOption(string description) => new("--persona", "-p") { Description = description, HelpName = "PERSONA" };

    /// <summary>first-flight → First flight.</summary>
    internal static string Humanize(string id)
    {
        var words = id.Replace('-', ' ').Replace('_', ' ').Trim();
        return words.Length == 0 ? id : char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static string SuggestSlug(string text)
    {
        var slug = NotSlugChars().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return slug.Length > 0 ? slug : "my-journey";
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotSlugChars();
}
