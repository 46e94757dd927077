namespace Wayfinder.Core.Serialization;

/// <summary>The published JSON Schemas of the workspace files, generated from the model.</summary>
public static class DocumentSchemas
{
    /// <summary>File name (persona.schema.json, journey.schema.json, value-gap.schema.json, workspace.schema.json) → schema text.</summary>
    public static IReadOnlyDictionary<string, string> All() => throw new NotImplementedException("contract stub");
}
