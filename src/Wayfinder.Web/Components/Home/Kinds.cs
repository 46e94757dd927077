namespace Wayfinder.Web.Components.Home;

using Wayfinder.Core.Documents;

/// <summary>A document kind in plain words, one and many.</summary>
public static class Kinds
{
    public static string Name(DocumentKind kind) => Wayfinder.App.Documents.WorkspaceDocuments.Words(kind);

    public static string Plural(DocumentKind kind) => Name(kind) == "journey" ? "journeys" : Name(kind) + "s";

    /// <summary>"1 journey", "4 journeys".</summary>
    public static string Count(int count, DocumentKind kind) => $"{count} {(count == 1 ? Name(kind) : Plural(kind))}";
}
