namespace Wayfinder.Core.Tests.Workspaces;

using Wayfinder.Core.Workspaces;

public sealed class SecretsFileTests
{
    [Fact]
    public void KeysAndValuesAreTrimmedCommentsAndLinesWithoutAKeyAreSkippedAndTheFirstOfAKeyWins()
    {
        var values = SecretsFile.Parse(
        [
            "# ClickHouse",
            "  user = analyst ",
            "password=p=ss#1",
            "",
            "=no key",
            "no equals sign",
            "USER=second",
            "  # key=ignored",
            "empty=",
        ]);

        Assert.Equal(
            [("empty", ""), ("password", "p=ss#1"), ("user", "analyst")],
            values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, v.Value)));
        Assert.Equal("analyst", values["User"]);
    }
}
