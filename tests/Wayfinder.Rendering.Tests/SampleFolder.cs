namespace Wayfinder.Rendering.Tests;

using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

/// <summary>
/// Where the sample tests write their files: a temporary folder deleted afterwards, or $WAYFINDER_RENDER_OUT when set
/// (then the files stay there for a person to look at). Either way every file written is checked to be well-formed.
/// </summary>
internal sealed partial class SampleFolder : IDisposable
{
    private readonly bool _temporary;

    public SampleFolder()
    {
        var asked = Environment.GetEnvironmentVariable("WAYFINDER_RENDER_OUT");
        _temporary = string.IsNullOrEmpty(asked);
        Path = _temporary ? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "wayfinder-samples-" + Guid.NewGuid().ToString("N")) : asked!;
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Asserts every file of <paramref name="names"/> exists and is well-formed: PNG with its size, PDF with its pages, SVG as XML.</summary>
    public void AssertWellFormed(IEnumerable<string> names)
    {
        var count = 0;
        foreach (var name in names)
        {
            count++;
            var file = System.IO.Path.Combine(Path, name);
            Assert.True(File.Exists(file), $"{name} was not written");
            var bytes = File.ReadAllBytes(file);
            switch (System.IO.Path.GetExtension(name))
            {
                case ".png":
                    var (width, height) = PngSize(bytes, name);
                    Assert.True(width > 0 && height > 0, $"{name} is {width}×{height}");
                    using (var bitmap = SkiaSharp.SKBitmap.Decode(bytes))
                    {
                        Assert.True(bitmap is not null && bitmap.Width == width && bitmap.Height == height, $"{name} does not decode");
                    }

                    break;
                case ".pdf":
                    Assert.True(PdfPages(bytes, name) >= 1, $"{name} has no page");
                    break;
                case ".svg":
                    Assert.Equal("svg", XDocument.Parse(Encoding.UTF8.GetString(bytes)).Root!.Name.LocalName);
                    break;
                case ".html":
                    Assert.StartsWith("<!DOCTYPE html>", Encoding.UTF8.GetString(bytes), StringComparison.OrdinalIgnoreCase);
                    break;
                default:
                    Assert.NotEmpty(bytes);
                    break;
            }
        }

        Assert.True(count > 0, "no sample file to check");
    }

    /// <summary>Every file in the folder.</summary>
    public void AssertAllWellFormed() => AssertWellFormed(Directory.GetFiles(Path).Select(System.IO.Path.GetFileName)!);

    /// <summary>Width and height from the PNG signature and IHDR chunk.</summary>
    public static (int Width, int Height) PngSize(byte[] png, string name)
    {
        byte[] signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(png.Length > 24 && png.AsSpan(0, 8).SequenceEqual(signature) && Encoding.ASCII.GetString(png, 12, 4) == "IHDR", $"{name} is not a PNG");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    /// <summary>The number of pages of a PDF that starts with its header and ends with its end-of-file marker.</summary>
    public static int PdfPages(byte[] pdf, string name)
    {
        var text = Encoding.Latin1.GetString(pdf);
        Assert.True(text.StartsWith("%PDF-", StringComparison.Ordinal) && text.TrimEnd().EndsWith("%%EOF", StringComparison.Ordinal), $"{name} is not a complete PDF");
        return PageRegex().Count(text);
    }

    public void Dispose()
    {
        if (_temporary)
        {
            Directory.Delete(Path, recursive: true);
        }
    }

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageRegex();
}
