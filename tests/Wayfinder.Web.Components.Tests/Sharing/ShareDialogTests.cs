namespace Wayfinder.Web.Components.Tests.Sharing;

using System.Security.Claims;
using AngleSharp.Dom;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Wayfinder.Core.Documents;
using Wayfinder.Web.Access;
using Wayfinder.Web.Components.Sharing;

/// <summary>The share dialog on a real server: what each role may do, a read-only link made and revoked, an invitation, Esc.</summary>
public sealed class ShareDialogTests : BunitContext, IClassFixture<ServerForComponents>
{
    private const string Journey = "first-flight";
    private readonly ServerForComponents _server;
    private readonly BunitAuthorizationContext _auth;
    private int _closed;

    public ShareDialogTests(ServerForComponents server)
    {
        _server = server;
        Services.AddSingleton(server.Services.GetRequiredService<ShareActions>());
        _auth = AddAuthorization();
        JSInterop.Mode = JSRuntimeMode.Loose;
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public async Task An_owner_sees_both_tabs_and_starts_on_invite()
    {
        var cut = await RenderAsAsync(WorkspaceRole.Owner, isOwner: true);

        Assert.Equal(["Invite", "Read-only link"], cut.FindAll("[role=tab]").Select(t => t.TextContent).ToArray());
        Assert.Equal("true", cut.Find("#tab-invite").GetAttribute("aria-selected"));
        Assert.Equal("Share “First flight”", cut.Find("h2").TextContent);
    }

    [Fact]
    public async Task An_editor_sees_only_the_read_only_link_tab_even_when_told_they_own()
    {
        var cut = await RenderAsAsync(WorkspaceRole.Editor, isOwner: true);

        Assert.Equal(["Read-only link"], cut.FindAll("[role=tab]").Select(t => t.TextContent).ToArray());
        Assert.Equal(["1 day", "7 days", "30 days", "never"], cut.FindAll("#share-link-days option").Select(o => o.TextContent).ToArray());
    }

    [Fact]
    public async Task A_viewer_is_told_they_cannot_share()
    {
        var cut = await RenderAsAsync(WorkspaceRole.Viewer, isOwner: false);

        Assert.Empty(cut.FindAll("[role=tab]"));
        Assert.Equal("Only editors and owners can share. You are a viewer; ask an owner to share it.", cut.Find(".notice p").TextContent);
    }

    [Fact]
    public async Task An_editor_makes_a_link_that_opens_the_map_then_revokes_it()
    {
        var cut = await RenderAsAsync(WorkspaceRole.Editor, isOwner: false);
        cut.Find("#share-link-days").Change("30");

        await cut.FindAll("button").Single(b => b.TextContent == "Make a read-only link").ClickAsync(new MouseEventArgs());

        var link = cut.Find("#share-link").GetAttribute("value")!;
        Assert.StartsWith($"http://localhost/w/demo/journeys/{Journey}?share=wfs_", link, StringComparison.Ordinal);
        var token = Uri.UnescapeDataString(link[(link.IndexOf("share=", StringComparison.Ordinal) + 6)..]);
        var row = await _server.InDatabaseAsync(db => db.Set<ShareLinkRow>().SingleAsync(s => s.Id == db.Set<ShareLinkRow>().Max(x => x.Id)));
        Assert.Equal(("journey", Journey, TimeSpan.FromDays(30)), (row.Kind, row.DocumentId, row.ExpiresAt!.Value - row.CreatedAt));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token))), row.Hash);
        var mine = cut.FindAll(".share-links li").Where(li => li.TextContent.Contains($"By {_userName} ", StringComparison.Ordinal)).ToList();
        Assert.Single(mine);

        await mine[0].QuerySelector("button")!.ClickAsync(new MouseEventArgs());

        Assert.NotNull((await _server.InDatabaseAsync(db => db.Set<ShareLinkRow>().SingleAsync(s => s.Id == row.Id))).RevokedAt);
        Assert.DoesNotContain(cut.FindAll(".share-links li"), li => li.TextContent.Contains($"By {_userName} ", StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("#share-link"));
    }

    [Fact]
    public async Task An_owner_makes_an_invitation_link_with_the_role_chosen()
    {
        var cut = await RenderAsAsync(WorkspaceRole.Owner, isOwner: true);
        cut.Find("#share-invite-role").Change("Commenter");

        await cut.FindAll("button").Single(b => b.TextContent == "Make an invitation link").ClickAsync(new MouseEventArgs());

        var link = cut.Find("#share-invitation").GetAttribute("value")!;
        Assert.StartsWith("http://localhost/invitations/wfi_", link, StringComparison.Ordinal);
        var row = await _server.InDatabaseAsync(db => db.Set<InvitationRow>().OrderBy(i => i.Id).LastAsync());
        Assert.Equal((WorkspaceRole.Commenter, _userName), (row.Role, row.CreatedBy));
    }

    [Fact]
    public async Task Escape_closes_the_dialog()
    {
        var cut = await RenderAsAsync(WorkspaceRole.Editor, isOwner: false);

        await cut.Find("[role=dialog]").KeyDownAsync(new KeyboardEventArgs { Key = "Escape" });

        Assert.Equal(1, _closed);
    }

    private string _userName = "";

    private async Task<IRenderedComponent<ShareDialog>> RenderAsAsync(WorkspaceRole role, bool isOwner)
    {
        var (userName, userId) = await _server.MemberAsync(role);
        _userName = userName;
        _auth.SetAuthorized(userName);
        _auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, userId));
        var cut = Render<ShareDialog>(p => p
            .Add(d => d.Workspace, "demo").Add(d => d.Kind, DocumentKind.Journey).Add(d => d.DocumentId, Journey).Add(d => d.Title, "First flight")
            .Add(d => d.IsOwner, isOwner).Add(d => d.OnClose, () => _closed++));
        cut.WaitForState(() => cut.FindAll(".tabs, .notice").Count > 0);
        return cut;
    }
}
