namespace Wayfinder.Core.Templates;

using Wayfinder.Core.Workspaces;

/// <summary>The demo workspace that <c>wayfinder init</c> writes and that <c>samples/demo</c> holds.</summary>
public static partial class DemoWorkspace
{
    /// <summary>A <c>wayfinder.yaml</c> for a new, empty workspace: the standard channels and defaults.</summary>
    public static WorkspaceConfig DefaultConfig(string name) => new()
    {
        Name = name,
        Channels = [.. StandardChannels],
        Defaults = new WorkspaceDefaults(),
    };

    /// <summary>The standard channel set that templates refer to by id.</summary>
    public static IReadOnlyList<Channel> StandardChannels { get; } =
    [
        new Channel { Id = "web", Name = "Website", Kind = ChannelKind.Digital, Glyph = "web" },
        new Channel { Id = "app", Name = "Mobile app", Kind = ChannelKind.Digital, Glyph = "app" },
        new Channel { Id = "email", Name = "Email", Kind = ChannelKind.Digital, Glyph = "email" },
        new Channel { Id = "sms", Name = "SMS", Kind = ChannelKind.Digital, Glyph = "message" },
        new Channel { Id = "chat", Name = "Chat", Kind = ChannelKind.Digital, Glyph = "chat" },
        new Channel { Id = "search", Name = "Search engine", Kind = ChannelKind.Digital, Glyph = "search" },
        new Channel { Id = "video", Name = "Video call", Kind = ChannelKind.Digital, Glyph = "video" },
        new Channel { Id = "social", Name = "Social media", Kind = ChannelKind.Media, Glyph = "social" },
        new Channel { Id = "ads", Name = "Advertising", Kind = ChannelKind.Media, Glyph = "ad" },
        new Channel { Id = "phone", Name = "Phone", Kind = ChannelKind.Human, Glyph = "phone" },
        new Channel { Id = "agent", Name = "Staff in person", Kind = ChannelKind.Human, Glyph = "person" },
        new Channel { Id = "event", Name = "Event or trade show", Kind = ChannelKind.Human, Glyph = "event" },
        new Channel { Id = "store", Name = "Store", Kind = ChannelKind.Physical, Glyph = "store" },
        new Channel { Id = "branch", Name = "Branch", Kind = ChannelKind.Physical, Glyph = "store" },
        new Channel { Id = "clinic", Name = "Clinic", Kind = ChannelKind.Physical, Glyph = "store" },
        new Channel { Id = "airport", Name = "Airport", Kind = ChannelKind.Physical, Glyph = "plane" },
        new Channel { Id = "kiosk", Name = "Self-service kiosk", Kind = ChannelKind.Physical, Glyph = "kiosk" },
        new Channel { Id = "mail", Name = "Post", Kind = ChannelKind.Physical, Glyph = "mail" },
    ];
}
