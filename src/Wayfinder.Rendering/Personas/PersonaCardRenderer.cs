namespace Wayfinder.Rendering.Personas;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Workspaces;

/// <summary>A persona as a one-page card.</summary>
public static class PersonaCardRenderer
{
    public static string RenderSvg(Persona persona, Workspace workspace) => throw new NotImplementedException("contract stub");
}
