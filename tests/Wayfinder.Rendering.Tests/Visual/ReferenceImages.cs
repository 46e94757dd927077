namespace Wayfinder.Rendering.Tests.Visual;

using SkiaSharp;

/// <summary>
/// Compares a rendering with its reviewed reference PNG under tests/Wayfinder.Rendering.Tests/References/. Two images match
/// when they have the same size and at most <see cref="MaxDifferentShare"/> of their pixels differ by more than
/// <see cref="ChannelTolerance"/> in any channel (anti-aliasing may differ slightly between machines; a moved card, a new
/// colour or a lost label does not pass). On a mismatch the actual image and a difference image (changed pixels in red
/// over a faded copy) are written to TestResults/visual/ and the message says where.
/// To accept a change, look at the new images, then rewrite the references with
/// <c>WAYFINDER_UPDATE_REFERENCES=1 dotnet test tests/Wayfinder.Rendering.Tests --filter "FullyQualifiedName~Visual"</c>
/// and look at every changed file before committing it.
/// </summary>
internal static class ReferenceImages
{
    public const int ChannelTolerance = 40;
    public const double MaxDifferentShare = 0.002;

    public static string Folder => Path.Combine(RenderSamplesTests.FindRepo(), "tests", "Wayfinder.Rendering.Tests", "References");

    private static bool Updating => Environment.GetEnvironmentVariable("WAYFINDER_UPDATE_REFERENCES") == "1";

    public static void AssertMatches(string name, byte[] actualPng)
    {
        var path = Path.Combine(Folder, name + ".png");
        if (Updating)
        {
            Directory.CreateDirectory(Folder);
            if (!File.Exists(path) || Compare(File.ReadAllBytes(path), actualPng).Problem is not null)
            {
                File.WriteAllBytes(path, actualPng);
            }
        }

        Assert.True(File.Exists(path), $"no reference image {path}; render it with WAYFINDER_UPDATE_REFERENCES=1 (see ReferenceImages) and look at it before committing it");
        var (problem, diff) = Compare(File.ReadAllBytes(path), actualPng);
        if (problem is null)
        {
            return;
        }

        var outDir = Path.Combine(RenderSamplesTests.FindRepo(), "TestResults", "visual");
        Directory.CreateDirectory(outDir);
        File.WriteAllBytes(Path.Combine(outDir, name + ".actual.png"), actualPng);
        if (diff is not null)
        {
            File.WriteAllBytes(Path.Combine(outDir, name + ".diff.png"), diff);
        }

        Assert.Fail($"{name}: {problem}. The actual image and the difference are in {outDir}; if the change is intended, look at them and "
            + "rewrite the references with WAYFINDER_UPDATE_REFERENCES=1 dotnet test tests/Wayfinder.Rendering.Tests --filter \"FullyQualifiedName~Visual\"");
    }

    private static string Percent(double share) => (share * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>Null when the images match; else what differs, and a difference image when the sizes agree.</summary>
    internal static (string? Problem, byte[]? Diff) Compare(byte[] expectedPng, byte[] actualPng)
    {
        using var expected = SKBitmap.Decode(expectedPng) ?? throw new InvalidDataException("the reference is not a PNG");
        using var actual = SKBitmap.Decode(actualPng) ?? throw new InvalidDataException("the rendering is not a PNG");
        if (expected.Width != actual.Width || expected.Height != actual.Height)
        {
            return ($"the size changed from {expected.Width} × {expected.Height} to {actual.Width} × {actual.Height} px", null);
        }

        var a = expected.Pixels;
        var b = actual.Pixels;
        var diffPixels = new SKColor[a.Length];
        var different = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var (p, q) = (a[i], b[i]);
            var far = Math.Abs(p.Red - q.Red) > ChannelTolerance || Math.Abs(p.Green - q.Green) > ChannelTolerance
                || Math.Abs(p.Blue - q.Blue) > ChannelTolerance || Math.Abs(p.Alpha - q.Alpha) > ChannelTolerance;
            if (far)
            {
                different++;
                diffPixels[i] = new SKColor(0xE0, 0x10, 0x10);
            }
            else
            {
                var grey = (byte)(255 - ((255 - ((q.Red + q.Green + q.Blue) / 3)) / 4));
                diffPixels[i] = new SKColor(grey, grey, grey);
            }
        }

        var share = (double)different / a.Length;
        if (share <= MaxDifferentShare)
        {
            return (null, null);
        }

        using var diff = new SKBitmap(expected.Width, expected.Height, SKColorType.Rgba8888, SKAlphaType.Premul) { Pixels = diffPixels };
        using var image = SKImage.FromBitmap(diff);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return ($"{different.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} of {a.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} pixels ({Percent(share)}) differ by more than {ChannelTolerance} in a channel; at most {Percent(MaxDifferentShare)} may", data.ToArray());
    }
}
