namespace Wayfinder.Core.Tests.Validation;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Validation;
using Wayfinder.Core.Workspaces;

public sealed class PersonaPhotoTests : IDisposable
{
    private static readonly byte[] s_pngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    private readonly string _root = Path.Combine(Path.GetTempPath(), "wayfinder-photo-" + Guid.NewGuid().ToString("N"));

    public PersonaPhotoTests() => Directory.CreateDirectory(Path.Combine(_root, "personas"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The photo diagnostics of a persona whose file says <c>photo: {photo}</c> on line 3.</summary>
    private List<string> PhotoProblems(string photo, string? root = null)
    {
        var persona = new Persona { Id = "maya", Title = "Maya", Photo = photo };
        var workspace = new Workspace
        {
            Root = root ?? _root,
            Config = new WorkspaceConfig { Name = "x" },
            Personas = [new SourcedDocument<Persona>(persona, "personas/maya.yaml", $"id: maya\ntitle: Maya\nphoto: {photo}\n")],
        };
        return [.. WorkspaceValidator.Validate(workspace, Fixture.Today).Diagnostics.Where(d => d.Code == "bad-photo").Select(d => d.ToString())];
    }

    [Fact]
    public void AMissingPhotoFileIsAnErrorNamingTheField()
    {
        var diagnostic = Assert.Single(PhotoProblems("personas/photos/maya.jpg"));

        Assert.Equal("personas/maya.yaml:3:8 photo: no file \"personas/photos/maya.jpg\" in the workspace folder; give a path relative to the workspace root (where wayfinder.yaml is)", diagnostic);
    }

    [Fact]
    public void AFileThatIsNotAnImageIsAnError()
    {
        File.WriteAllText(Path.Combine(_root, "personas", "maya.png"), "not a picture");

        Assert.Equal(["personas/maya.yaml:3:8 photo: \"personas/maya.png\" is not a PNG, JPEG, GIF or WebP image"], PhotoProblems("personas/maya.png"));
    }

    [Fact]
    public void AnImageFileADataUriOrNoPhotoAreFine()
    {
        File.WriteAllBytes(Path.Combine(_root, "personas", "maya.png"), s_pngSignature);

        Assert.Empty(PhotoProblems("personas/maya.png"));
        Assert.Empty(PhotoProblems("data:image/png;base64,iVBORw0KGgo="));
        Assert.Equal<(string?, string?)>(("data:image/png;base64,iVBORw0KGgoAAAAN", null), WorkspaceImages.Load(new Workspace { Root = _root, Config = new WorkspaceConfig { Name = "x" } }, "personas/maya.png"));
        Assert.Equal<(string?, string?)>((null, null), WorkspaceImages.Load(new Workspace { Root = _root, Config = new WorkspaceConfig { Name = "x" } }, null));
    }

    [Fact]
    public void PathsOutsideTheFolderWebAddressesAndTooLargeFilesAreRefused()
    {
        File.WriteAllBytes(Path.Combine(_root, "personas", "big.png"), [.. s_pngSignature, .. new byte[WorkspaceImages.MaxBytes]]);

        Assert.Contains("is outside the workspace folder", Assert.Single(PhotoProblems("../secret.png")), StringComparison.Ordinal);
        Assert.Contains("is a web address, which is never fetched", Assert.Single(PhotoProblems("https://example.com/maya.jpg")), StringComparison.Ordinal);
        Assert.Contains("\"personas/big.png\" is 1,000 KB; images up to 1,000 KB are embedded", Assert.Single(PhotoProblems("personas/big.png")), StringComparison.Ordinal);

        // A workspace held in a database has no files beside its documents.
        Assert.Contains("this workspace is not a folder on disk; use a data: URI", Assert.Single(PhotoProblems("personas/maya.png", "demo")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "image/gif")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "image/webp")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 }, null)]
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, null)]
    public void TheImageTypeComesFromTheFilesFirstBytes(byte[] bytes, string? expected) =>
        Assert.Equal(expected, WorkspaceImages.MediaType(bytes));
}
