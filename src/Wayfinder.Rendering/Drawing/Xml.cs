namespace Wayfinder.Rendering.Drawing;

using System.Text;

/// <summary>Escapes user text for XML and HTML: markup characters become entities, characters XML cannot hold are dropped.</summary>
public static class Xml
{
    /// <summary>Escapes <c>&amp; &lt; &gt; " '</c> and removes control characters (except tab), lone surrogates and non-characters.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        if (!NeedsWork(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        Append(sb, text);
        return sb.ToString();
    }

    /// <summary>Appends <paramref name="text"/> escaped.</summary>
    public static void Append(StringBuilder sb, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        sb.Append(c).Append(text[i + 1]);
                        i++;
                    }
                    else if (IsAllowed(c))
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }
    }

    /// <summary>Removes characters XML cannot hold and turns line breaks and tabs into spaces; for text laid out on one line.</summary>
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\n' or '\r' or '\t')
            {
                sb.Append(c == '\t' ? ' ' : c);
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[i + 1]);
                i++;
            }
            else if (IsAllowed(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool IsAllowed(char c) =>
        !char.IsControl(c) && !char.IsSurrogate(c) && c != '\uFFFE' && c != '\uFFFF';

    private static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c is '&' or '<' or '>' or '"' or '\'' || char.IsControl(c) || char.IsSurrogate(c) || c >= '\uFFFE')
            {
                return true;
            }
        }

        return false;
    }
}
