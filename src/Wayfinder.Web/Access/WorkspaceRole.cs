namespace Wayfinder.Web.Access;

/// <summary>
/// A person's (or a token's) role in one workspace, weakest first: each role may do everything the ones before it may.
/// </summary>
public enum WorkspaceRole
{
    /// <summary>Reads documents, renders, analyses and comments.</summary>
    Viewer = 1,

    /// <summary>A viewer who may also write comments.</summary>
    Commenter = 2,

    /// <summary>A commenter who may also change documents and import evidence.</summary>
    Editor = 3,

    /// <summary>An editor who may also manage members, share links, tokens and the workspace itself.</summary>
    Owner = 4,
}
