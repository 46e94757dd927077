namespace Wayfinder.Rendering.Mermaid;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;

/// <summary>Mermaid <c>journey</c> diagrams: export a map, import a diagram.</summary>
public static class MermaidJourney
{
    /// <summary>Writes the map as a Mermaid journey; what Mermaid cannot hold is kept in <c>%%</c> comments.</summary>
    public static string Export(Journey journey) => throw new NotImplementedException("contract stub");

    /// <summary>Reads a Mermaid journey; problems and anything dropped are reported in the result with line and column.</summary>
    public static (Journey? Journey, ValidationResult Result) Import(string text, string file, string id) => throw new NotImplementedException("contract stub");
}
