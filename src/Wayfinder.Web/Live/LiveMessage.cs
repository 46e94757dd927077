namespace Wayfinder.Web.Live;

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

/// <summary>
/// What one server process tells the others sharing its database (as a PostgreSQL NOTIFY payload): a workspace event,
/// or that a process came up (<see cref="Hello"/>: tell me who views what) or goes down (<see cref="Bye"/>: forget my viewers).
/// </summary>
/// <param name="Origin">The sending process's <see cref="LiveOrigin"/>, so a process skips its own messages.</param>
/// <param name="Kind"><see cref="EventKind"/>, <see cref="Hello"/> or <see cref="Bye"/>.</param>
/// <param name="Event">The event, for <see cref="EventKind"/>.</param>
/// <param name="Connection">The viewer's connection, for <c>viewing</c> and <c>left</c> (a person may view from two tabs).</param>
/// <param name="Since">When the viewer began viewing, for <c>viewing</c>.</param>
/// <param name="Replay">A viewer told again to a process that came up: it updates presence but is not sent to clients.</param>
internal sealed record LiveMessage(
    string Origin,
    string Kind,
    WorkspaceEvent? Event = null,
    string? Connection = null,
    DateTimeOffset? Since = null,
    bool Replay = false)
{
    public const string EventKind = "event";
    public const string Hello = "hello";
    public const string Bye = "bye";

    /// <summary>PostgreSQL refuses a NOTIFY payload of 8000 bytes or more.</summary>
    public const int MaxPayloadBytes = 7999;

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The message as JSON that fits a NOTIFY payload: without the event's detail when that is too long; null when even that does not fit.</summary>
    public string? ToPayload()
    {
        var json = JsonSerializer.Serialize(this, s_json);
        if (Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes)
        {
            return json;
        }

        if (Event?.Detail is null)
        {
            return null;
        }

        json = JsonSerializer.Serialize(this with { Event = Event with { Detail = null } }, s_json);
        return Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes ? json : null;
    }

    /// <summary>A payload read back; null when it is not a message (another program's NOTIFY on the channel).</summary>
    public static LiveMessage? FromPayload(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<LiveMessage>(payload, s_json) is { Origin: not null, Kind: not null } message ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>This server process among those sharing a database: an id of its own, made at start.</summary>
public sealed class LiveOrigin
{
    /// <summary>The process's id in the messages it sends.</summary>
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
