namespace Wayfinder.App.Rendering;

using Wayfinder.Core.Documents;
using Wayfinder.Rendering.JourneyMaps;

/// <summary>Checks a focused view (<c>--lanes</c>, <c>--stages</c>) against the journeys to render, before anything is written.</summary>
public static class RenderViews
{
    /// <summary>
    /// Why the lanes or stages of <paramref name="settings"/> cannot be shown for one of the journeys among
    /// <paramref name="jobs"/> (an unknown id, with the known ones and a suggestion); null when every journey can show them.
    /// </summary>
    public static string? Problem(IEnumerable<RenderJob> jobs, RenderSettings settings)
    {
        if (settings.Lanes is null && settings.Stages is null)
        {
            return null;
        }

        return jobs.Select(j => j.Document).OfType<Journey>().Distinct()
            .Select(journey => JourneyView.Problem(journey, settings.Lanes, settings.Stages))
            .FirstOrDefault(problem => problem is not null);
    }
}
