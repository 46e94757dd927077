namespace Wayfinder.Web.Tests.Drafting;

using Wayfinder.Drafting;
using Wayfinder.Web.Drafting;

/// <summary>A drafter's failure said once: "nothing was written" is not repeated when the drafter's message says it already.</summary>
public sealed class DraftProblemTests
{
    private static readonly DraftRequest s_request = new() { Id = "trip", Scenario = "s", Goal = "g" };

    private static DraftProblem Of(DraftFailureKind kind, string message, string drafter = "model") =>
        DraftProblem.Of(new DraftResult(DraftOutcome.Failed) { Drafter = drafter, Failure = new DraftFailure(kind, message) }, "demo", s_request)!;

    [Fact]
    public void AMessageThatSaysNothingWasWrittenGetsOnlyWhatToDo()
    {
        var problem = Of(DraftFailureKind.Unreachable, "the model endpoint http://127.0.0.1:9/v1 cannot be reached; nothing was written. Check that the model server is running.");

        Assert.Equal(502, problem.Status);
        Assert.Equal("the model endpoint http://127.0.0.1:9/v1 cannot be reached; nothing was written. Check that the model server is running. Check the server's model endpoint, or draft with the offline drafter", problem.Detail);
    }

    [Fact]
    public void AMessageThatDoesNotSayItGetsTheWholeTail()
    {
        Assert.Equal("the model at x gave no answer in time; nothing was written. Try again, or draft with the offline drafter", Of(DraftFailureKind.TimedOut, "the model at x gave no answer in time.").Detail);
        Assert.Equal("the model refused; nothing was written", Of(DraftFailureKind.Refused, "the model refused; nothing was written.").Detail);
        Assert.Equal("bad draft; nothing was written; this is a fault in the offline drafter: please report it", Of(DraftFailureKind.Invalid, "bad draft; nothing was written", drafter: "offline").Detail);
    }
}
