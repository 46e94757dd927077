namespace Wayfinder.Web.Components.Comments;

/// <summary>A reply to a thread.</summary>
public sealed record ReplyRequest(long Thread, string Text);

/// <summary>Resolve (true) or reopen (false) a thread.</summary>
public sealed record ResolveRequest(long Thread, bool Resolved);

/// <summary>A new text for one's own comment.</summary>
public sealed record EditRequest(long Thread, long Comment, string Text);

/// <summary>One comment of a thread.</summary>
public sealed record CommentRef(long Thread, long Comment);
