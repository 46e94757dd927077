namespace Wayfinder.Web.Components.Shared;

/// <summary>How a <see cref="Notice"/> reads: information, success, a warning or an error.</summary>
public enum NoticeKind
{
    Info,
    Success,
    Warning,
    Error,
}
