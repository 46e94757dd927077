namespace Wayfinder.Web.Comments;

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Storage;

/// <summary>
/// A comment thread on a document, or on one element of it (by the element's stable id, so the thread stays with the
/// element when it moves). Comments live beside the documents, never in them: writing one changes no revision.
/// </summary>
public sealed class CommentThreadRow
{
    public long Key { get; set; }
    public required string WorkspaceId { get; set; }
    public required DocumentKind DocumentKind { get; set; }
    public required string DocumentId { get; set; }

    /// <summary>The element's id; null when the thread is on the whole document.</summary>
    public string? ElementId { get; set; }
    public bool Resolved { get; set; }
    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<CommentRow> Comments { get; set; } = [];
}

/// <summary>One comment of a thread: the first opens it, the others reply.</summary>
public sealed class CommentRow
{
    /// <summary>The longest comment text, in characters.</summary>
    public const int MaxTextLength = 4000;

    public long Key { get; set; }
    public long ThreadKey { get; set; }
    public string? Author { get; set; }
    public required string Text { get; set; }

    /// <summary>The workspace members the text mentions (<c>@name</c>), space-separated, in the order first mentioned.</summary>
    public string Mentions { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? EditedAt { get; set; }
}

/// <summary>The comment threads' table.</summary>
internal sealed class CommentThreadConfiguration : IEntityTypeConfiguration<CommentThreadRow>
{
    public void Configure(EntityTypeBuilder<CommentThreadRow> builder)
    {
        builder.ToTable("CommentThreads");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.WorkspaceId).HasMaxLength(100);
        builder.Property(x => x.DocumentKind).HasConversion<string>().HasMaxLength(20);
        builder.Property(x => x.DocumentId).HasMaxLength(200);
        builder.Property(x => x.ElementId).HasMaxLength(200);
        builder.Property(x => x.ResolvedBy).HasMaxLength(200);
        builder.HasIndex(x => new { x.WorkspaceId, x.DocumentKind, x.DocumentId });
        builder.HasOne<WorkspaceRow>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Comments).WithOne().HasForeignKey(x => x.ThreadKey).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>The comments' table.</summary>
internal sealed class CommentConfiguration : IEntityTypeConfiguration<CommentRow>
{
    public void Configure(EntityTypeBuilder<CommentRow> builder)
    {
        builder.ToTable("Comments");
        builder.HasKey(x => x.Key);
        builder.Property(x => x.Author).HasMaxLength(200);
        builder.Property(x => x.Text).HasMaxLength(CommentRow.MaxTextLength);
        builder.Property(x => x.Mentions).HasMaxLength(2000);
        builder.HasIndex(x => x.ThreadKey);
    }
}
