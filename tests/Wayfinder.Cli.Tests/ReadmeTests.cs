namespace Wayfinder.Cli.Tests;

using System.Text.RegularExpressions;

/// <summary>The README's tour, run command by command, so the docs cannot rot.</summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public async Task EveryCommandOfTheReadmeTourRunsAndSucceeds()
    {
        using var folder = new TempFolder();
        var commands = TourCommands(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md")));
        Assert.True(commands.Count >= 15, $"found only {commands.Count} commands in the README's tour");
        var directory = folder.Path;

        foreach (var (args, cd) in commands)
        {
            if (args.SequenceEqual(["import", "mermaid", "checkout.mmd", "--id", "checkout"]))
            {
                File.Copy(Fixtures.PathOf("checkout.mmd"), Path.Combine(directory, "checkout.mmd"));
            }

            var result = await CliRunner.RunAsync(directory, args);

            Assert.True(result.ExitCode == 0, $"wayfinder {string.Join(' ', args)}\n{result}");
            if (cd is not null)
            {
                directory = Path.Combine(directory, cd);
            }
        }
    }

    /// <summary>Each <c>wayfinder …</c> line of the README's sh blocks: its arguments, and the folder a trailing <c>&amp;&amp; cd DIR</c> enters.</summary>
    private static List<(string[] Args, string? Cd)> TourCommands(string readme)
    {
        var commands = new List<(string[], string?)>();
        foreach (Match block in ShellBlock().Matches(readme))
        {
            foreach (var raw in block.Groups[1].Value.Split('\n'))
            {
                var line = Comment().Replace(raw, "").Trim();
                if (!line.StartsWith("wayfinder ", StringComparison.Ordinal))
                {
                    continue;
                }

                string? cd = null;
                var and = line.IndexOf(" && cd ", StringComparison.Ordinal);
                if (and >= 0)
                {
                    cd = line[(and + " && cd ".Length)..].Trim();
                    line = line[..and];
                }

                var args = Argument().Matches(line["wayfinder ".Length..]).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Value).ToArray();
                commands.Add((args, cd));
            }
        }

        return commands;
    }

    [GeneratedRegex("```sh\\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();

    /// <summary>A comment: two spaces or more, then #, to the end of the line.</summary>
    [GeneratedRegex(" {2,}#.*$")]
    private static partial Regex Comment();

    [GeneratedRegex("\"([^\"]*)\"|\\S+")]
    private static partial Regex Argument();
}
