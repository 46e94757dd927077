namespace Wayfinder.EvidenceBench;

using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Wayfinder.Core.Documents;

/// <summary>
/// The same journey metrics written as plain pandas (<c>pandas_baseline.py</c>), run where python3 can import pandas
/// (Debian: <c>apt install python3-pandas</c>); the benchmark installs nothing.
/// </summary>
internal static class PandasBaseline
{
    private static readonly Lazy<string?> s_python = new(() => Array.Find(["python3", "/usr/bin/python3"], CanImportPandas));

    /// <summary>Whether a python3 with pandas is there (the one on the PATH, else Debian's).</summary>
    public static bool Available() => s_python.Value is not null;

    private static bool CanImportPandas(string python)
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(python, ["-c", "import pandas"]) { RedirectStandardError = true, RedirectStandardOutput = true });
            probe!.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public static BaselineResult Run(string csv, Journey journey, long windowMicros, long inactivityMicros)
    {
        var stageIndex = journey.Stages.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i + 1);
        var mapping = journey.Lanes.SelectMany(l => l.Items).SelectMany(item => item.Events.Select(e => (e.Name, Value: new object[] { item.Id!, stageIndex[item.Stage] })))
            .ToDictionary(x => x.Name, x => x.Value);
        var mappingFile = Path.Combine(Path.GetTempPath(), "wayfinder-bench", "pandas-mapping.json");
        File.WriteAllText(mappingFile, JsonSerializer.Serialize(mapping));
        var script = Path.Combine(AppContext.BaseDirectory, "pandas_baseline.py");
        var info = new ProcessStartInfo(s_python.Value!, [script, csv, mappingFile, windowMicros.ToString(CultureInfo.InvariantCulture), inactivityMicros.ToString(CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pandas baseline failed: {stderr.Result}");
        }

        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        return new BaselineResult(
            root.GetProperty("load").GetDouble(),
            root.GetProperty("metrics").GetDouble(),
            [.. root.GetProperty("funnel").EnumerateArray().Select(e => e.GetInt64())],
            root.GetProperty("top_variant").GetInt64(),
            root.GetProperty("edges").GetInt64(),
            root.GetProperty("stranded").GetInt64(),
            [.. root.GetProperty("parts").EnumerateArray().Select(p => (p[0].GetString()!, p[1].GetDouble()))]);
    }
}
