namespace Wayfinder.Cli.Tests;

using Wayfinder.App.Workspaces;
using Wayfinder.Core.Serialization;
using Wayfinder.Core.Templates;

public sealed class InitTests
{
    [Fact]
    public async Task InitCreatesExactlyTheDemoFilesAndTheSchemas()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, "init", "demo");

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = DemoWorkspace.Files("../.wayfinder/schemas").Keys
            .Concat(DocumentSchemas.All().Keys.Select(k => ".wayfinder/schemas/" + k))
            .Select(f => "demo/" + f)
            .Order(StringComparer.Ordinal);
        Assert.Equal(expected, folder.Files());
    }

    [Fact]
    public async Task TheDemoWorkspaceValidates()
    {
        using var folder = new TempFolder();
        await CliRunner.RunAsync(folder.Path, "init");

        var result = await CliRunner.RunAsync(folder.Path, "validate");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task EverySchemaLinePointsAtASchemaFileThatExists()
    {
        using var folder = new TempFolder();
        await CliRunner.RunAsync(folder.Path, "init");

        var yamlFiles = folder.Files().Where(f => f.EndsWith(".yaml", StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(yamlFiles);
        foreach (var file in yamlFiles.Where(f => folder.Read(f).StartsWith("# yaml-language-server:", StringComparison.Ordinal)))
        {
            var firstLine = folder.Read(file).Split('\n')[0];
            var schema = firstLine["# yaml-language-server: $schema=".Length..];
            var resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(folder.Combine(file))!, schema));
            Assert.True(File.Exists(resolved), $"{file}: {firstLine} does not point at a file");
        }

        Assert.StartsWith("# yaml-language-server: $schema=../.wayfinder/schemas/journey.schema.json\n", folder.Read(yamlFiles.First(f => f.StartsWith("journeys/", StringComparison.Ordinal))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitTwiceRefusesTheSecondTime()
    {
        using var folder = new TempFolder();
        await CliRunner.RunAsync(folder.Path, "init");

        var result = await CliRunner.RunAsync(folder.Path, "init");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: . already holds a workspace (wayfinder.yaml); choose another folder, or pass --force to overwrite its files"], result.ErrorLines);
    }

    [Fact]
    public async Task InitRefusesToOverwriteAnExistingWorkspaceAndLeavesItAlone()
    {
        using var folder = new TempFolder();
        folder.Write("maps/wayfinder.yaml", "name: Mine\n");

        var result = await CliRunner.RunAsync(folder.Path, "init", "maps");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["error: maps already holds a workspace (wayfinder.yaml); choose another folder, or pass --force to overwrite its files"], result.ErrorLines);
        Assert.Equal(["maps/wayfinder.yaml"], folder.Files());
        Assert.Equal("name: Mine\n", folder.Read("maps/wayfinder.yaml"));
    }

    [Fact]
    public async Task InitEmptyWritesOnlyTheConfigAndTheSchemasWithTheGivenName()
    {
        using var folder = new TempFolder();

        var result = await CliRunner.RunAsync(folder.Path, "init", "--empty", "--name", "Acme CX");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            DocumentSchemas.All().Keys.Select(k => ".wayfinder/schemas/" + k).Append("wayfinder.yaml").Order(StringComparer.Ordinal),
            folder.Files().Where(f => !f.EndsWith('/')));
        var (workspace, loaded) = App.Workspaces.WorkspaceFolder.Load(folder.Path);
        Assert.True(loaded.IsValid);
        Assert.Equal("Acme CX", workspace.Config.Name);
        Assert.Equal(0, (await CliRunner.RunAsync(folder.Path, "validate")).ExitCode);
    }

    [Fact]
    public async Task InitForceOverwritesAnExistingWorkspace()
    {
        using var folder = new TempFolder();
        folder.Write("wayfinder.yaml", "name: Old\n");

        var result = await CliRunner.RunAsync(folder.Path, "init", "--force", "--name", "New");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("New", App.Workspaces.WorkspaceFolder.Load(folder.Path).Workspace.Config.Name);
    }

    [Fact]
    public async Task SchemaWritesTheSchemasIntoTheWorkspace()
    {
        using var folder = TempFolder.WithFixture("small");

        var result = await CliRunner.RunAsync(folder.Path, "schema");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            DocumentSchemas.All().Keys.Select(k => ".wayfinder/schemas/" + k).Order(StringComparer.Ordinal),
            folder.Files().Where(f => f.StartsWith(".wayfinder/", StringComparison.Ordinal)));
    }
}
