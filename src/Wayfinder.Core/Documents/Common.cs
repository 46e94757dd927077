namespace Wayfinder.Core.Documents;

/// <summary>The kind of a workspace document, written as <c>kind:</c> at the top of its file.</summary>
public enum DocumentKind
{
    Persona,
    Journey,
    ValueGap,
}

/// <summary>What every workspace document carries: a stable slug id, a title, tags, an owner and a revision.</summary>
public interface IDocument
{
    DocumentKind Kind { get; }
    string Id { get; }
    string Title { get; }
    List<string> Tags { get; }
    string? Owner { get; }
    int Revision { get; }
}

/// <summary>The kind of a piece of evidence; an item's evidence grade counts the distinct kinds it cites.</summary>
public enum EvidenceKind
{
    Interview,
    Survey,
    Analytics,
    Workshop,
    SupportTicket,
    Usability,
    Document,
    Other,
}

/// <summary>A source a document or item can cite: an interview, a survey, an analytics export…</summary>
public sealed record EvidenceLink
{
    public required string Id { get; init; }
    public EvidenceKind Kind { get; init; } = EvidenceKind.Other;
    public string? Title { get; init; }
    public string? Source { get; init; }
    public DateOnly? Date { get; init; }
}

/// <summary>How much backs an item: nothing (an assumption), one kind of source, or several kinds.</summary>
public enum EvidenceGrade
{
    Assumption,
    OneSource,
    SeveralSources,
}

/// <summary>When a persona or map was last reviewed and how often it should be; past due means stale.</summary>
public sealed record Review
{
    public DateOnly? LastReviewed { get; init; }

    /// <summary>Days between reviews; null takes the workspace default.</summary>
    public int? CadenceDays { get; init; }

    /// <summary>True when the review is past due on <paramref name="today"/> (never reviewed counts as stale).</summary>
    public bool IsStale(DateOnly today, int defaultCadenceDays)
    {
        if (LastReviewed is not { } last)
        {
            return true;
        }

        return last.AddDays(CadenceDays ?? defaultCadenceDays) < today;
    }

    /// <summary>Whether a document is due a review (<c>wayfinder list</c>'s rule): one with no review block is, else as <see cref="IsStale"/>.</summary>
    public static bool IsDue(Review? review, DateOnly today, int defaultCadenceDays) => review?.IsStale(today, defaultCadenceDays) ?? true;
}

/// <summary>A comment on a document or an item.</summary>
public sealed record Comment
{
    public required string Author { get; init; }
    public DateOnly? Date { get; init; }
    public required string Text { get; init; }
}

/// <summary>A piece of text that may cite evidence. In YAML a trait with no citations is a plain string.</summary>
public sealed record Trait
{
    public string? Id { get; init; }
    public required string Text { get; init; }
    public List<string> Evidence { get; init; } = [];

    public static implicit operator Trait(string text) => new() { Text = text };

    public static Trait FromString(string text) => new() { Text = text };
}
