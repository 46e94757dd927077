namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

public sealed class RequiredFieldTests
{
    [Fact]
    public void MissingRequiredFieldsAreEachReportedAtTheMappingThatLacksThem()
    {
        // A name, title or text already there is turned into a suggested id.
        string[] expected =
        [
            "journeys/anonymous.yaml:1:1 id: this journey has no id; add id: no-id",
            "journeys/anonymous.yaml:4:5 stages[0].id: this stage has no id; add id: i-want-to-book",
            "journeys/anonymous.yaml:9:9 lanes[0].items[0].stage: this lane item has no stage; add stage: …",
            "personas/untitled.yaml:1:1 title: this persona has no title; add title: …",
            "personas/untitled.yaml:4:5 jobs[0].so_that: this job to be done has no so_that; add so_that: …",
            "value-gaps/orphan.yaml:1:1 persona: this value gap map has no persona; add persona: …",
            "value-gaps/orphan.yaml:5:5 needs[0].id: this need has no id; add id: price",
            "wayfinder.yaml:1:1 name: this workspace has no name; add name: …",
        ];

        Assert.Equal(expected, Fixture.Lines("required"));
    }

    [Fact]
    public void DocumentBuiltInMemoryIsReportedWithoutAPosition()
    {
        var workspace = new Workspace
        {
            Root = "/tmp",
            Config = new WorkspaceConfig { Name = "x" },
            Personas = [new SourcedDocument<Persona>(new Persona { Id = "Maya", Title = "Maya" }, "personas/maya.yaml", "")],
        };

        var diagnostic = Assert.Single(WorkspaceValidator.Validate(workspace, Fixture.Today).Diagnostics);

        Assert.Equal("personas/maya.yaml id: 'Maya' is not a valid persona id; use lowercase letters, digits and '-', e.g. maya", diagnostic.ToString());
        Assert.Equal((0, 0), (diagnostic.Line, diagnostic.Column));
    }
}
