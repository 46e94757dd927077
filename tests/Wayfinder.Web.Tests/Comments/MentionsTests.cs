namespace Wayfinder.Web.Tests.Comments;

using Wayfinder.Web.Access;
using Wayfinder.Web.Comments;

/// <summary>Which <c>@name</c>s of a text are mentions of members.</summary>
public sealed class MentionsTests
{
    private static readonly WorkspaceMember[] s_members =
    [
        new("ana", null, WorkspaceRole.Editor),
        new("sofia.marin", null, WorkspaceRole.Owner),
        new("li-wei", null, WorkspaceRole.Viewer),
    ];

    [Theory]
    [InlineData("@ana please look", "ana")]
    [InlineData("thanks @Sofia.Marin.", "sofia.marin")]
    [InlineData("@li-wei, @ana and @li-wei again", "li-wei ana")]
    [InlineData("write to ana@example.com or x@ana", "")]
    [InlineData("@bob is no member; @anamaria neither", "")]
    [InlineData("(@ana)", "ana")]
    public void OnlyMembersNamedAfterAnAtAreMentionedOnceEachInOrder(string text, string expected)
    {
        Assert.Equal(expected, string.Join(' ', Mentions.Of(text, s_members)));
    }
}
