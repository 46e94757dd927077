namespace Wayfinder.Web.Components.Personas;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Analysis;
using Wayfinder.Web.Evidence;
using Wayfinder.Web.Workspaces;

/// <summary>
/// A persona with its workspace's configuration and what the data says about it: the persona checks
/// <c>wayfinder analyze</c> runs (<see cref="PersonaChecks"/>), for every journey the persona is on (or on its
/// channels alone when it is on none), each finding once.
/// </summary>
public static class PersonaData
{
    public static async Task<(Persona? Persona, WorkspaceConfig? Config, PersonaDataCheck? Check)> LoadAsync(IServiceProvider services, string workspace, string id, DateOnly today)
    {
        var repositories = services.GetRequiredService<WorkspaceRepositories>();
        var stores = await EvidenceApi.OpenAsync(workspace, services.GetRequiredService<EvidenceWorkspaces>(), repositories, CancellationToken.None);
        if (stores is null)
        {
            return (null, null, null);
        }

        var (loaded, _) = await stores.Documents.LoadAsync(CancellationToken.None);
        if (loaded.FindPersona(id) is not { } persona)
        {
            return (null, loaded.Config, null);
        }

        var imported = (await stores.Events.SummaryAsync(CancellationToken.None)).Imported;
        var hasSegment = !string.IsNullOrWhiteSpace(persona.Segment);
        if (!imported || !hasSegment)
        {
            return (persona, loaded.Config, new PersonaDataCheck(imported, hasSegment, []));
        }

        var journeys = loaded.Journeys.Select(j => j.Document).Where(j => j.Personas.Contains(persona.Id)).Cast<Journey?>().DefaultIfEmpty(null);
        var findings = new List<PersonaFinding>();
        var gaps = new List<KnowledgeGap>();
        foreach (var journey in journeys)
        {
            var checks = await PersonaChecks.CheckAsync(persona, stores.Events, journey, loaded.Config.Channels, gaps, CancellationToken.None);
            findings.AddRange(checks.Select(c => new PersonaFinding(c.Aspect, c.Message)));
        }

        findings.AddRange(gaps.Select(g => new PersonaFinding("segment", g.Message)));
        return (persona, loaded.Config, new PersonaDataCheck(true, true, [.. findings.Distinct()]));
    }
}
