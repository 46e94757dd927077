namespace Wayfinder.Core.Tests.Samples;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Templates;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

public sealed class SamplesValidateTests
{
    [Fact]
    public void TheDemoWorkspaceHasNoValidationErrorsAndOnlyTheExpectedStaleWarning()
    {
        var root = Path.Combine(Path.GetTempPath(), "wayfinder-tests", Guid.NewGuid().ToString("n"));
        try
        {
            foreach (var (path, text) in DemoWorkspace.Files("schemas"))
            {
                var full = Path.Combine(root, path);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, text);
            }

            var (workspace, loaded) = WorkspaceFolder.Load(root);
            var result = WorkspaceValidator.Validate(workspace, new DateOnly(2026, 11, 25));
            result.AddRange(loaded.Diagnostics);

            Assert.Empty(result.Errors.Select(d => d.ToString()));
            Assert.Equal(["travel-manager"], result.Warnings.Where(w => w.Code.Contains("stale", StringComparison.Ordinal)).Select(w => Path.GetFileNameWithoutExtension(w.File)));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void EveryJourneyTemplateValidatesInAWorkspaceWithTheDefaultChannelsAndPersonaTemplates()
    {
        // Journey templates name the persona templates they are meant for (b2b-saas: b2b-champion, b2b-economic-buyer).
        var personas = TemplateCatalog.Personas
            .Select(p => p.Create(p.Id, p.Name))
            .Select(p => new SourcedDocument<Wayfinder.Core.Documents.Persona>(p, $"personas/{p.Id}.yaml", Wayfinder.Core.Serialization.DocumentYaml.Write(p)))
            .ToList();
        foreach (var template in TemplateCatalog.Journeys)
        {
            var journey = template.Create("j", "J");
            var workspace = new Workspace
            {
                Root = "/nowhere",
                Config = DemoWorkspace.DefaultConfig("t"),
                Personas = personas,
                Journeys = [new(journey, "journeys/j.yaml", Wayfinder.Core.Serialization.DocumentYaml.Write(journey))],
            };

            var result = WorkspaceValidator.Validate(workspace, new DateOnly(2026, 11, 25));

            Assert.True(result.IsValid, $"{template.Id}: {string.Join("\n", result.Errors)}");
        }
    }
}
