namespace Wayfinder.Web.Access;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Wayfinder.Web.Storage;

/// <summary>A person who signs in to the server (Identity's user: name, password hash, lockout, authenticator key).</summary>
public sealed class WayfinderUser : IdentityUser
{
    /// <summary>The name others see; the user name when unset.</summary>
    public string? DisplayName { get; set; }

    /// <summary>A server admin: creates people and sees every workspace's setup; not a role in any workspace.</summary>
    public bool IsAdmin { get; set; }
}

/// <summary>A person's role in one workspace.</summary>
public sealed class MembershipRow
{
    public required string WorkspaceId { get; set; }
    public required string UserId { get; set; }
    public WorkspaceRole Role { get; set; }
}

/// <summary>A personal access token: only the SHA-256 of its secret is kept; it acts for its person in one workspace, with at most its role.</summary>
public sealed class AccessTokenRow
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string WorkspaceId { get; set; }
    public WorkspaceRole Role { get; set; }

    /// <summary>The secret's SHA-256, lower-case hex.</summary>
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>A read-only link to one document; only the SHA-256 of its secret is kept.</summary>
public sealed class ShareLinkRow
{
    public long Id { get; set; }
    public required string WorkspaceId { get; set; }

    /// <summary>The document's kind as in the API's routes (<c>persona</c>, <c>journey</c>, <c>value_gap</c>).</summary>
    public required string Kind { get; set; }
    public required string DocumentId { get; set; }
    public required string Hash { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>An invitation by link to join a workspace with a role; used once; only the SHA-256 of its secret is kept.</summary>
public sealed class InvitationRow
{
    public long Id { get; set; }
    public required string WorkspaceId { get; set; }
    public WorkspaceRole Role { get; set; }
    public required string Hash { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public string? AcceptedBy { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}

/// <summary>The first admin's one-time setup code, hashed; deleted once used.</summary>
public sealed class SetupCodeRow
{
    public long Id { get; set; }
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One entry of the audit trail: who did what to what, when, from where.</summary>
public sealed class AuditRow
{
    public long Id { get; set; }

    /// <summary>The workspace it happened in; null for what belongs to no workspace (a sign-in).</summary>
    public string? WorkspaceId { get; set; }
    public DateTimeOffset Time { get; set; }

    /// <summary>Who did it (a user name), when known.</summary>
    public string? Actor { get; set; }

    /// <summary>What happened: one of <see cref="AuditActions"/>.</summary>
    public required string Action { get; set; }

    /// <summary>What it was done to: a user name, a token's or link's id, a document (<c>persona/sam</c>).</summary>
    public string? Target { get; set; }
    public string? Detail { get; set; }
    public string? Address { get; set; }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<MembershipRow>
{
    public void Configure(EntityTypeBuilder<MembershipRow> m)
    {
        m.ToTable("Memberships");
        m.HasKey(x => new { x.WorkspaceId, x.UserId });
        m.Property(x => x.WorkspaceId).HasMaxLength(100);
        m.Property(x => x.UserId).HasMaxLength(450);
        m.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        m.HasIndex(x => x.UserId);
        m.HasOne<WorkspaceRow>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        m.HasOne<WayfinderUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AccessTokenConfiguration : IEntityTypeConfiguration<AccessTokenRow>
{
    public void Configure(EntityTypeBuilder<AccessTokenRow> t)
    {
        t.ToTable("AccessTokens");
        t.HasKey(x => x.Id);
        t.Property(x => x.UserId).HasMaxLength(450);
        t.Property(x => x.Name).HasMaxLength(100);
        t.Property(x => x.WorkspaceId).HasMaxLength(100);
        t.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        t.Property(x => x.Hash).HasMaxLength(64);
        t.HasIndex(x => x.Hash).IsUnique();
        t.HasIndex(x => x.UserId);
        t.HasOne<WorkspaceRow>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
        t.HasOne<WayfinderUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShareLinkConfiguration : IEntityTypeConfiguration<ShareLinkRow>
{
    public void Configure(EntityTypeBuilder<ShareLinkRow> s)
    {
        s.ToTable("ShareLinks");
        s.HasKey(x => x.Id);
        s.Property(x => x.WorkspaceId).HasMaxLength(100);
        s.Property(x => x.Kind).HasMaxLength(20);
        s.Property(x => x.DocumentId).HasMaxLength(200);
        s.Property(x => x.Hash).HasMaxLength(64);
        s.Property(x => x.CreatedBy).HasMaxLength(256);
        s.HasIndex(x => x.Hash).IsUnique();
        s.HasIndex(x => x.WorkspaceId);
        s.HasOne<WorkspaceRow>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<InvitationRow>
{
    public void Configure(EntityTypeBuilder<InvitationRow> i)
    {
        i.ToTable("Invitations");
        i.HasKey(x => x.Id);
        i.Property(x => x.WorkspaceId).HasMaxLength(100);
        i.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
        i.Property(x => x.Hash).HasMaxLength(64);
        i.Property(x => x.CreatedBy).HasMaxLength(256);
        i.Property(x => x.AcceptedBy).HasMaxLength(256);
        i.HasIndex(x => x.Hash).IsUnique();
        i.HasIndex(x => x.WorkspaceId);
        i.HasOne<WorkspaceRow>().WithMany().HasForeignKey(x => x.WorkspaceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SetupCodeConfiguration : IEntityTypeConfiguration<SetupCodeRow>
{
    public void Configure(EntityTypeBuilder<SetupCodeRow> s)
    {
        s.ToTable("SetupCodes");
        s.HasKey(x => x.Id);
        s.Property(x => x.Hash).HasMaxLength(64);
    }
}

internal sealed class AuditConfiguration : IEntityTypeConfiguration<AuditRow>
{
    public void Configure(EntityTypeBuilder<AuditRow> a)
    {
        a.ToTable("AuditTrail");
        a.HasKey(x => x.Id);
        a.Property(x => x.WorkspaceId).HasMaxLength(100);
        a.Property(x => x.Actor).HasMaxLength(256);
        a.Property(x => x.Action).HasMaxLength(40);
        a.Property(x => x.Target).HasMaxLength(400);
        a.Property(x => x.Detail).HasMaxLength(1000);
        a.Property(x => x.Address).HasMaxLength(64);
        a.HasIndex(x => new { x.WorkspaceId, x.Id });
    }
}
