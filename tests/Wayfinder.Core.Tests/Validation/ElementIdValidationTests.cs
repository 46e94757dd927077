namespace Wayfinder.Core.Tests.Validation;

// Fixtures/validation/element-ids: a persona whose goal and pain share an id, a journey whose pain point reuses
// its stage's id; the item without an id is fine (ids are optional in files).
public sealed class ElementIdValidationTests
{
    [Fact]
    public void ElementIdsSharedAcrossKindsAreReportedAtTheSecondWithTheFirstsPosition()
    {
        var diagnostics = Fixture.Check("element-ids").Where(d => d.Code == "duplicate-id").Select(d => d.ToString()).ToList();

        Assert.Equal(
            [
                "journeys/trip.yaml:11:13 lanes[0].items[0].id: duplicate element id \"book\" (also at 5:9, stages[0]); an id names one element of the document, so give this one its own",
                "personas/maya.yaml:9:9 pains[0].id: duplicate element id \"arrive-rested\" (also at 5:9, goals[0]); an id names one element of the document, so give this one its own",
            ],
            diagnostics.Order(StringComparer.Ordinal));
    }
}
