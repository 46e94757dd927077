namespace Wayfinder.Core.Tests.Schema;

using Wayfinder.Core.Serialization;

public sealed class SchemaFilesTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Wayfinder.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Wayfinder.slnx not found above the test output folder");
    }

    [Fact]
    public void CommittedSchemasEqualTheSchemasGeneratedFromTheModel()
    {
        var folder = Path.Combine(RepositoryRoot(), "schemas");
        var update = Environment.GetEnvironmentVariable("WAYFINDER_UPDATE_SCHEMAS") == "1";
        foreach (var (file, text) in DocumentSchemas.All())
        {
            var path = Path.Combine(folder, file);
            if (update)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllText(path, text);
            }

            var committed = File.Exists(path) ? File.ReadAllText(path) : "";
            Assert.True(
                committed == text,
                $"schemas/{file} differs from the model; regenerate with: WAYFINDER_UPDATE_SCHEMAS=1 dotnet test tests/Wayfinder.Core.Tests --filter CommittedSchemasEqualTheSchemasGeneratedFromTheModel");
        }
    }

    [Fact]
    public void GeneratedSchemasEndWithOneNewlineAndUseLf()
    {
        foreach (var (_, text) in DocumentSchemas.All())
        {
            Assert.EndsWith("}\n", text, StringComparison.Ordinal);
            Assert.DoesNotContain('\r', text);
        }
    }
}
