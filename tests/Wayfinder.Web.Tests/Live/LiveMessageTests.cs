namespace Wayfinder.Web.Tests.Live;

using System.Text;
using Wayfinder.Web.Live;

/// <summary>What one server process sends the others must fit a PostgreSQL NOTIFY (under 8,000 bytes) and read back.</summary>
public sealed class LiveMessageTests
{
    [Fact]
    public void AnEventReadsBackAsItWasSentWithItsOriginConnectionAndTime()
    {
        var since = new DateTimeOffset(2026, 12, 3, 8, 1, 2, TimeSpan.Zero);
        var message = new LiveMessage("a1", LiveMessage.EventKind, new WorkspaceEvent("demo", "viewing", "sofia.marin", "journey", "first-flight"), "c7", since);

        var payload = message.ToPayload()!;

        Assert.Equal(
            """{"origin":"a1","kind":"event","event":{"workspace":"demo","type":"viewing","actor":"sofia.marin","document_kind":"journey","document_id":"first-flight"},"connection":"c7","since":"2026-12-03T08:01:02+00:00","replay":false}""",
            payload);
        Assert.Equal(message, LiveMessage.FromPayload(payload));
    }

    [Fact]
    public void ADetailTooLongForANotifyIsLeftOutAndTheRestIsSent()
    {
        // 8,000 × "é" is 16,000 bytes of UTF-8: the detail alone is over the limit.
        var message = new LiveMessage("a1", LiveMessage.EventKind, new WorkspaceEvent("demo", "commented", "sam", "journey", "first-flight", Detail: new string('é', 8000)));

        var payload = message.ToPayload()!;

        Assert.True(Encoding.UTF8.GetByteCount(payload) < 8000);
        Assert.Equal(message with { Event = message.Event! with { Detail = null } }, LiveMessage.FromPayload(payload));
    }

    [Fact]
    public void AnotherProgramsNotifyOnTheChannelIsNoMessage()
    {
        Assert.Null(LiveMessage.FromPayload("hello"));
        Assert.Null(LiveMessage.FromPayload("""{"kind":"event"}"""));
    }
}
