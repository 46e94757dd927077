namespace Wayfinder.Rendering.Drawing;

using System.Runtime.InteropServices;
using SkiaSharp;
using Svg.Skia.TypefaceProviders;

/// <summary>
/// DejaVu Sans cut down to the characters a document uses, for PDFs. SkiaSharp's Skia is built without its font
/// subsetter, so it embeds whole font files (760 KB each for regular, bold and oblique) and only names them as subsets;
/// we subset them first with HarfBuzz's hb-subset (in libHarfBuzzSharp, which SkiaSharp's HarfBuzzSharp ships) and hand
/// Skia the small fonts. Hinting is dropped (PDF viewers do not use it); glyph ids are renumbered.
/// When HarfBuzz cannot subset (the native library missing, a font it cannot read), the whole font is used: the PDF is
/// larger but still right.
/// </summary>
internal static class FontSubsets
{
    private const string Family = "DejaVu Sans";

    /// <summary>
    /// The characters <paramref name="texts"/> use, with the printable ASCII range (so the markup characters our SVG writes
    /// as entities, a caption or a number drawn later never fall outside the subset) and the Latin ligatures.
    /// </summary>
    public static string CharactersOf(params string?[] texts)
    {
        var set = new SortedSet<int>();
        for (var c = 0x20; c < 0x7F; c++)
        {
            set.Add(c);
        }

        // The Latin ligatures (ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ): the shaper turns "fi" into one glyph, and Skia finds the text behind a glyph
        // (what copy and search in the PDF give back) through the font's character map, so the ligatures must stay in it.
        for (var c = 0xFB00; c <= 0xFB06; c++)
        {
            set.Add(c);
        }

        foreach (var text in texts)
        {
            if (string.IsNullOrEmpty(text))
            {
                continue;
            }

            foreach (var rune in text.EnumerateRunes())
            {
                if (rune.Value >= 0x20)
                {
                    set.Add(rune.Value);
                }
            }
        }

        var builder = new System.Text.StringBuilder();
        foreach (var value in set)
        {
            builder.Append(char.ConvertFromUtf32(value));
        }

        return builder.ToString();
    }

    /// <summary>A typeface provider for Svg.Skia that answers DejaVu Sans (and sans-serif) with subsets of <paramref name="characters"/>.</summary>
    public static SubsetTypefaceProvider Provider(string characters) => new(characters);

    /// <summary>The font file of <paramref name="typeface"/> cut to <paramref name="characters"/>, or null when HarfBuzz cannot.</summary>
    public static byte[]? Subset(SKTypeface typeface, string characters)
    {
        byte[] font;
        int index;
        using (var stream = typeface.OpenStream(out index))
        {
            if (stream is null || stream.Length <= 0)
            {
                return null;
            }

            font = new byte[stream.Length];
            if (stream.Read(font, font.Length) != font.Length)
            {
                return null;
            }
        }

        try
        {
            return Native.Subset(font, (uint)index, characters);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException)
        {
            return null;
        }
    }

    /// <summary>Svg.Skia asks this for each text's family, weight and slant; it answers from subsets made once per document.</summary>
    internal sealed class SubsetTypefaceProvider : ITypefaceProvider, IDisposable
    {
        private readonly string _characters;
        private readonly Dictionary<(bool Bold, bool Italic), SKTypeface?> _faces = [];

        public SubsetTypefaceProvider(string characters) => _characters = characters;

        /// <summary>How many bytes the subsets made so far weigh (for tests and the bench).</summary>
        public long SubsetBytes { get; private set; }

        public SKTypeface? FromFamilyName(string fontFamily, SKFontStyleWeight fontWeight, SKFontStyleWidth fontWidth, SKFontStyleSlant fontStyle)
        {
            var names = (fontFamily ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => n.Trim('\'', '"'));
            if (!names.Any(n => n.Equals(Family, StringComparison.OrdinalIgnoreCase) || n.Equals("sans-serif", StringComparison.OrdinalIgnoreCase)))
            {
                return null;
            }

            return Face((int)fontWeight >= 600, fontStyle != SKFontStyleSlant.Upright);
        }

        /// <summary>The subset face for a weight and slant (null when DejaVu Sans is not installed or cannot be subset).</summary>
        public SKTypeface? Face(bool bold, bool italic)
        {
            if (_faces.TryGetValue((bold, italic), out var face))
            {
                return face;
            }

            var style = new SKFontStyle(bold ? SKFontStyleWeight.Bold : SKFontStyleWeight.Normal, SKFontStyleWidth.Normal, italic ? SKFontStyleSlant.Oblique : SKFontStyleSlant.Upright);
            using var whole = SKTypeface.FromFamilyName(Family, style);
            SKTypeface? subset = null;
            if (whole is not null && whole.FamilyName.Equals(Family, StringComparison.OrdinalIgnoreCase) && Subset(whole, _characters) is { } bytes)
            {
                using var data = SKData.CreateCopy(bytes);
                subset = SKTypeface.FromData(data);
                if (subset is not null)
                {
                    SubsetBytes += bytes.Length;
                }
            }

            _faces[(bold, italic)] = subset;
            return subset;
        }

        public void Dispose()
        {
            foreach (var face in _faces.Values)
            {
                face?.Dispose();
            }

            _faces.Clear();
        }
    }

    /// <summary>hb-subset, from the HarfBuzz library SkiaSharp's HarfBuzzSharp ships.</summary>
    private static class Native
    {
        private const string Lib = "libHarfBuzzSharp";
        private const uint MemoryModeDuplicate = 0;
        private const uint FlagNoHinting = 0x1;

        public static byte[]? Subset(byte[] font, uint index, string characters)
        {
            var blob = IntPtr.Zero;
            var face = IntPtr.Zero;
            var input = IntPtr.Zero;
            var subset = IntPtr.Zero;
            var result = IntPtr.Zero;
            try
            {
                // DUPLICATE: HarfBuzz copies the bytes, so the pin ends here.
                var pin = GCHandle.Alloc(font, GCHandleType.Pinned);
                try
                {
                    blob = hb_blob_create(pin.AddrOfPinnedObject(), (uint)font.Length, MemoryModeDuplicate, IntPtr.Zero, IntPtr.Zero);
                }
                finally
                {
                    pin.Free();
                }

                face = hb_face_create(blob, index);
                input = hb_subset_input_create_or_fail();
                if (input == IntPtr.Zero)
                {
                    return null;
                }

                var unicodes = hb_subset_input_unicode_set(input);
                foreach (var rune in characters.EnumerateRunes())
                {
                    hb_set_add(unicodes, (uint)rune.Value);
                }

                hb_subset_input_set_flags(input, FlagNoHinting);
                subset = hb_subset_or_fail(face, input);
                if (subset == IntPtr.Zero)
                {
                    return null;
                }

                result = hb_face_reference_blob(subset);
                var pointer = hb_blob_get_data(result, out var length);
                if (pointer == IntPtr.Zero || length == 0)
                {
                    return null;
                }

                var bytes = new byte[length];
                Marshal.Copy(pointer, bytes, 0, (int)length);
                return bytes;
            }
            finally
            {
                if (result != IntPtr.Zero)
                {
                    hb_blob_destroy(result);
                }

                if (subset != IntPtr.Zero)
                {
                    hb_face_destroy(subset);
                }

                if (input != IntPtr.Zero)
                {
                    hb_subset_input_destroy(input);
                }

                if (face != IntPtr.Zero)
                {
                    hb_face_destroy(face);
                }

                if (blob != IntPtr.Zero)
                {
                    hb_blob_destroy(blob);
                }
            }
        }

        [DllImport(Lib)]
        private static extern IntPtr hb_blob_create(IntPtr data, uint length, uint mode, IntPtr userData, IntPtr destroy);

        [DllImport(Lib)]
        private static extern IntPtr hb_face_create(IntPtr blob, uint index);

        [DllImport(Lib)]
        private static extern IntPtr hb_subset_input_create_or_fail();

        [DllImport(Lib)]
        private static extern IntPtr hb_subset_input_unicode_set(IntPtr input);

        [DllImport(Lib)]
        private static extern void hb_subset_input_set_flags(IntPtr input, uint flags);

        [DllImport(Lib)]
        private static extern void hb_set_add(IntPtr set, uint codepoint);

        [DllImport(Lib)]
        private static extern IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

        [DllImport(Lib)]
        private static extern IntPtr hb_face_reference_blob(IntPtr face);

        [DllImport(Lib)]
        private static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);

        [DllImport(Lib)]
        private static extern void hb_blob_destroy(IntPtr blob);

        [DllImport(Lib)]
        private static extern void hb_face_destroy(IntPtr face);

        [DllImport(Lib)]
        private static extern void hb_subset_input_destroy(IntPtr input);
    }
}
