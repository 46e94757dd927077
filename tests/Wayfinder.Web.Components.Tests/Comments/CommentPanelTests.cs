namespace Wayfinder.Web.Components.Tests.Comments;

using Wayfinder.Web.Access;
using Wayfinder.Web.Comments;
using Wayfinder.Web.Components.Comments;

/// <summary>The comment panel's threads (CommentThreadList, which CommentPanel feeds from the database): order, reply, resolve, roles, text.</summary>
public sealed class CommentPanelTests : BunitContext
{
    private static readonly DateTimeOffset s_day = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static CommentThread Thread(long id, string? element, int minutes, bool resolved = false, string author = "ana", string text = "Looks right", IReadOnlyList<string>? mentions = null, bool removed = false) =>
        new(id, "journey", "first-flight", element, removed, resolved, resolved ? "ben" : null, null, s_day,
            [new ThreadComment(id * 10, author, text, mentions ?? [], s_day.AddMinutes(minutes), null)]);

    [Fact]
    public void The_selected_elements_threads_come_first_then_the_newest_activity()
    {
        IReadOnlyList<CommentThread> threads = [Thread(1, "book", 5), Thread(2, null, 30), Thread(3, "pay", 10), Thread(4, "pay", 1)];

        var cut = Render<CommentThreadList>(p => p.Add(c => c.Threads, threads).Add(c => c.ElementId, "pay").Add(c => c.UserName, "ana"));

        Assert.Equal(["3", "4", "2", "1"], cut.FindAll("li.thread").Select(li => li.GetAttribute("data-thread")));
        Assert.Equal(["on pay", "on pay", "on the whole map", "on book"], cut.FindAll(".thread-head > :first-child").Select(e => e.TextContent));
    }

    [Fact]
    public void A_reply_is_sent_with_its_thread_and_text()
    {
        ReplyRequest? sent = null;
        var cut = Render<CommentThreadList>(p => p.Add(c => c.Threads, [Thread(7, "pay", 1)]).Add(c => c.CanComment, true).Add(c => c.UserName, "ben")
            .Add(c => c.OnReply, (ReplyRequest r) => sent = r));

        cut.FindAll(".thread-foot button").Single(b => b.TextContent == "Reply").Click();
        cut.Find("#reply-7").Input("Agreed, @ana");
        cut.FindAll(".thread-foot button").Single(b => b.TextContent == "Reply").Click();

        Assert.Equal(new ReplyRequest(7, "Agreed, @ana"), sent);
        Assert.Empty(cut.FindAll("#reply-7"));
    }

    [Fact]
    public void Resolving_an_open_thread_asks_to_resolve_it_and_a_resolved_one_offers_to_reopen()
    {
        ResolveRequest? sent = null;
        var cut = Render<CommentThreadList>(p => p.Add(c => c.Threads, [Thread(1, "pay", 1), Thread(2, "pay", 2, resolved: true)]).Add(c => c.CanComment, true)
            .Add(c => c.OnResolve, (ResolveRequest r) => sent = r));

        var open = cut.Find("li[data-thread='1']");
        open.QuerySelectorAll(".thread-foot button").Single(b => b.TextContent == "Resolve").Click();

        Assert.Equal(new ResolveRequest(1, true), sent);
        Assert.Equal("resolved by ben", cut.Find("li[data-thread='2'] .badge-green").TextContent);
        Assert.Contains("Reopen", cut.Find("li[data-thread='2'] .thread-foot").TextContent);
    }

    [Fact]
    public void A_viewer_sees_the_threads_but_no_box_to_write_in_and_no_actions()
    {
        var cut = Render<CommentThreadList>(p => p.Add(c => c.Threads, [Thread(1, "pay", 1, author: "viewer-1")]).Add(c => c.CanComment, false).Add(c => c.UserName, "viewer-1"));

        Assert.Empty(cut.FindAll("textarea"));
        Assert.Empty(cut.FindAll(".thread-foot"));
        Assert.Empty(cut.FindAll(".comment-own"));
        Assert.Equal("Looks right", cut.Find(".comment-text").TextContent.Trim());
    }

    [Fact]
    public void Only_ones_own_comments_can_be_edited_or_deleted()
    {
        CommentRef? deleted = null;
        var cut = Render<CommentThreadList>(p => p.Add(c => c.Threads, [Thread(1, "pay", 1, author: "ana"), Thread(2, "pay", 2, author: "ben")])
            .Add(c => c.CanComment, true).Add(c => c.UserName, "ben").Add(c => c.OnDelete, (CommentRef r) => deleted = r));

        Assert.Empty(cut.FindAll("li[data-thread='1'] .comment-own"));
        cut.Find("li[data-thread='2'] .comment-own").QuerySelectorAll("button").Single(b => b.TextContent == "Delete").Click();

        Assert.Equal(new CommentRef(2, 20), deleted);
    }

    [Fact]
    public void A_new_thread_is_sent_with_its_text()
    {
        string? created = null;
        var cut = Render<CommentThreadList>(p => p.Add(c => c.Threads, []).Add(c => c.CanComment, true).Add(c => c.ElementId, "pay")
            .Add(c => c.OnCreate, (string t) => created = t));

        Assert.Equal("No comments on this element yet.", cut.Find(".comment-empty").TextContent);
        cut.Find(".comment-new textarea").Input("Is the fee shown before paying?");
        cut.Find(".comment-new button").Click();

        Assert.Equal("Is the fee shown before paying?", created);
    }

    [Fact]
    public void Markup_in_a_comment_shows_as_text_and_mentions_are_marked()
    {
        const string payload = "<img src=x onerror=alert(1)>";
        var cut = Render<CommentThreadList>(p => p.Add(c => c.Threads, [Thread(1, null, 1, text: $"@ben see {payload}", mentions: ["ben"])]));

        Assert.Empty(cut.FindAll(".comment-text img"));
        Assert.Equal($"@ben see {payload}", cut.Find(".comment-text").TextContent.Trim());
        Assert.Equal("@ben", cut.Find(".comment-text .mention").TextContent);
    }

    [Fact]
    public void A_thread_on_a_removed_element_is_flagged()
    {
        var cut = Render<CommentThreadList>(p => p.Add(c => c.Threads, [Thread(1, "gone", 1, removed: true)]));

        Assert.Equal("element removed", cut.Find(".badge-orange").TextContent);
    }

    [Fact]
    public void Typing_an_at_sign_lists_the_matching_members_and_picking_one_writes_the_name()
    {
        IReadOnlyList<WorkspaceMember> members = [new("ana", "Ana Lima", WorkspaceRole.Editor), new("ben", null, WorkspaceRole.Viewer), new("anton", null, WorkspaceRole.Owner)];
        var text = "";
        var cut = Render<MentionBox>(p => p.Add(c => c.Id, "box").Add(c => c.Members, members).Add(c => c.TextChanged, (string t) => text = t));

        cut.Find("textarea").Input("Thanks @an");
        Assert.Equal(["ana · Ana Lima", "anton"], cut.FindAll(".mention-option").Select(b => b.TextContent));

        cut.FindAll(".mention-option")[1].Click();
        Assert.Equal("Thanks @anton ", text);
        Assert.Empty(cut.FindAll(".mention-option"));
    }
}
