namespace Wayfinder.Core.Templates;

using Wayfinder.Core.Documents;

/// <summary>A named starting point for a journey map.</summary>
public sealed record JourneyTemplate(string Id, string Name, string Description, Func<string, string, Journey> Create);

/// <summary>A named starting point for a proto-persona.</summary>
public sealed record PersonaTemplate(string Id, string Name, string Description, Func<string, string, Persona> Create);

/// <summary>The built-in templates. Create(id, title) gives a new document.</summary>
public static class TemplateCatalog
{
    public static IReadOnlyList<JourneyTemplate> Journeys => throw new NotImplementedException("contract stub");

    public static IReadOnlyList<PersonaTemplate> Personas => throw new NotImplementedException("contract stub");

    /// <summary>A value gap map skeleton for a persona.</summary>
    public static ValueGapMap NewValueGap(string id, string title, string persona) => throw new NotImplementedException("contract stub");
}

/// <summary>The demo workspace that <c>wayfinder init</c> writes and that <c>samples/demo</c> holds.</summary>
public static class DemoWorkspace
{
    /// <summary>
    /// Every file of the demo workspace: path relative to the workspace root (forward slashes) → text.
    /// Document files start with a yaml-language-server schema line pointing at <paramref name="schemaBase"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Files(string schemaBase) => throw new NotImplementedException("contract stub");

    /// <summary>A <c>wayfinder.yaml</c> for a new, empty workspace: the standard channels and defaults.</summary>
    public static Wayfinder.Core.Workspaces.WorkspaceConfig DefaultConfig(string name) => throw new NotImplementedException("contract stub");
}
