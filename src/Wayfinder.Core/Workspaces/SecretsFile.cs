namespace Wayfinder.Core.Workspaces;

/// <summary>
/// The one format of Wayfinder's secrets files (WAYFINDER_CLICKHOUSE_SECRETS, WAYFINDER_MODEL_SECRETS): lines
/// <c>key=value</c>, blank lines and lines starting with <c>#</c> ignored, the first line of a key wins. Secrets stay
/// out of the workspace and out of the environment's listing.
/// </summary>
public static class SecretsFile
{
    /// <summary>Key (ordinal, case-insensitive) → value (trimmed; may be empty) from the file's lines.</summary>
    public static IReadOnlyDictionary<string, string> Parse(IEnumerable<string> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines)
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || line.TrimStart().StartsWith('#'))
            {
                continue;
            }

            values.TryAdd(line[..eq].Trim(), line[(eq + 1)..].Trim());
        }

        return values;
    }
}
