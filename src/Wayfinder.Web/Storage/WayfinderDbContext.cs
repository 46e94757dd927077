namespace Wayfinder.Web.Storage;

using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;

/// <summary>The server's database: workspaces, their documents as YAML text, and every revision of each; people (Identity) and access.</summary>
public sealed class WayfinderDbContext(DbContextOptions<WayfinderDbContext> options) : IdentityDbContext<WayfinderUser>(options), IDataProtectionKeyContext
{
    public DbSet<WorkspaceRow> Workspaces => Set<WorkspaceRow>();
    public DbSet<DocumentRow> Documents => Set<DocumentRow>();
    public DbSet<RevisionRow> Revisions => Set<RevisionRow>();

    /// <summary>The keys that protect cookies and antiforgery tokens, shared by every server process on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Each feature configures its own tables beside its code (an IEntityTypeConfiguration per entity).
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WayfinderDbContext).Assembly);
        modelBuilder.Entity<WorkspaceRow>(w =>
        {
            w.HasKey(x => x.Id);
            w.Property(x => x.Id).HasMaxLength(100);
            w.Property(x => x.Name).HasMaxLength(200);
        });

        modelBuilder.Entity<DocumentRow>(d =>
        {
            d.HasKey(x => x.Key);
            d.Property(x => x.WorkspaceId).HasMaxLength(100);
            d.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.DocumentId).HasMaxLength(200);
            d.Property(x => x.File).HasMaxLength(400);

            // The revision is checked in the UPDATE itself, so two saves on one revision cannot both win.
            d.Property(x => x.Revision).IsConcurrencyToken();
            d.HasIndex(x => new { x.WorkspaceId, x.File }).IsUnique();
            d.HasIndex(x => new { x.WorkspaceId, x.Kind, x.DocumentId });
            d.HasOne<WorkspaceRow>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<RevisionRow>(r =>
        {
            r.HasKey(x => new { x.DocumentKey, x.Number });
            r.Property(x => x.Author).HasMaxLength(200);
            r.HasOne(x => x.Document).WithMany().HasForeignKey(x => x.DocumentKey).OnDelete(DeleteBehavior.Cascade);
        });
    }
}

/// <summary>A workspace: its slug, its name and the text of its <c>wayfinder.yaml</c>.</summary>
public sealed class WorkspaceRow
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? ConfigText { get; set; }
}

/// <summary>
/// One file of a workspace at its current revision. A deleted document keeps its row (with no text) so its history and
/// the element ids it gave out stay. <see cref="DocumentId"/> is null when the text does not parse.
/// </summary>
public sealed class DocumentRow
{
    public long Key { get; set; }
    public required string WorkspaceId { get; set; }
    public required DocumentKind Kind { get; set; }
    public string? DocumentId { get; set; }
    public required string File { get; set; }

    /// <summary>The stored text (the bytes a file holds); empty when the document is deleted.</summary>
    public required string Text { get; set; }
    public int Revision { get; set; }

    /// <summary>How many revision rows the document has had, deletions included: the next row's number.</summary>
    public int Sequence { get; set; }
}

/// <summary>One save (or deletion, with no text) of a document: who, when and why.</summary>
public sealed class RevisionRow
{
    public long DocumentKey { get; set; }
    public DocumentRow? Document { get; set; }

    /// <summary>The row's place in the document's history (unique, so two writers cannot add the same one).</summary>
    public int Number { get; set; }

    /// <summary>The document's revision this row stored.</summary>
    public int Revision { get; set; }
    public required string Text { get; set; }
    public string? Author { get; set; }
    public DateTimeOffset Time { get; set; }
    public string? Message { get; set; }
}
