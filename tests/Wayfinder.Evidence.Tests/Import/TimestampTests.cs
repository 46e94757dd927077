namespace Wayfinder.Evidence.Tests.Import;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

/// <summary>Times are ISO 8601 or epoch numbers, or exactly the mapping's timestamp_format: never guessed.</summary>
public sealed class TimestampTests
{
    // 2026-03-01T14:05:00Z is 1,772,373,900 s after the epoch.
    private const long March1At1405 = 1_772_373_900_000_000;

    [Theory]
    [InlineData("2026-03-01T14:05:00Z", March1At1405)]
    [InlineData("2026-03-01 14:05:00", March1At1405)]
    [InlineData("2026-03-01T15:05:00+01:00", March1At1405)]
    [InlineData("2026-03-01T15:05:00+0100", March1At1405)]
    [InlineData("2026-03-01T14:05:00.123456Z", March1At1405 + 123_456)]
    [InlineData("2026-03-01T14:05Z", March1At1405)]
    [InlineData("2026-03-01", March1At1405 - (((14 * 60) + 5) * 60_000_000L))]
    [InlineData("1772373900", March1At1405)]
    [InlineData("1772373900000", March1At1405)]
    [InlineData("1772373900000000", March1At1405)]
    [InlineData("1772373900000000500", March1At1405 + 1)]
    public void IsoTimesAndEpochNumbersAreRead(string text, long micros)
    {
        Assert.True(Timestamps.TryParse(text, null, null, out var read, out var reason), reason);
        Assert.Equal(micros, read);
    }

    [Theory]
    [InlineData("1772373900", "s")]
    [InlineData("1772373900000", "ms")]
    [InlineData("1772373900000000", "us")]
    [InlineData("1772373900000000", "µs")]
    [InlineData("1772373900000000000", "ns")]
    public void EpochNumbersAreReadInTheUnitNamed(string text, string unit)
    {
        Assert.True(Timestamps.TryParse(text, unit, null, out var read, out var reason), reason);
        Assert.Equal(March1At1405, read);
    }

    [Theory]
    [InlineData("01/03/2026")]
    [InlineData("13/03/2026")]
    [InlineData("03/01/2026 14:05")]
    [InlineData("March 1, 2026")]
    public void ADateThatIsNotIsoIsRefusedWithAnExampleNotGuessed(string text)
    {
        Assert.False(Timestamps.TryParse(text, null, null, out _, out var reason));
        Assert.Equal(
            $"'{text}' is not ISO 8601 or an epoch number; write ISO 8601 (2026-03-01T14:05:00Z, 2026-03-01 14:05:00+01:00 or 2026-03-01) or epoch seconds (1772373900), or name the file's format in the data source's mapping in wayfinder.yaml (e.g. timestamp_format: \"dd/MM/yyyy HH:mm\")",
            reason);
    }

    [Fact]
    public void TheMappingsFormatReadsDayFirstDatesAndNothingElse()
    {
        Assert.True(Timestamps.TryParse("01/03/2026 14:05", null, "dd/MM/yyyy HH:mm", out var first, out _));
        Assert.True(Timestamps.TryParse("13/03/2026 14:05"u8, null, "dd/MM/yyyy HH:mm", out var thirteenth, out _));
        Assert.False(Timestamps.TryParse("2026-03-01T14:05:00Z", null, "dd/MM/yyyy HH:mm", out _, out var reason));

        Assert.Equal((March1At1405, March1At1405 + (12L * 86_400_000_000)), (first, thirteenth));
        Assert.Equal("'2026-03-01T14:05:00Z' does not match the data source's timestamp_format \"dd/MM/yyyy HH:mm\" (expected e.g. 01/03/2026 14:05)", reason);
    }

    [Fact]
    public async Task AnEventsFileWithDayFirstDatesImportsOnlyWithTheMappingsFormat()
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", "customer_id,timestamp,event\nu1,01/03/2026 14:05,view\nu1,13/03/2026 14:05,buy\n");
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var guessed = await store.ImportAsync(file, new EventImportOptions());
        var named = await store.ImportAsync(file, new EventImportOptions { Mapping = new Dictionary<string, string> { ["timestamp_format"] = "dd/MM/yyyy HH:mm" } });
        var log = store.Open();

        Assert.Equal((false, 2L), (guessed.Succeeded, guessed.BadRows));
        Assert.Equal((true, 2L), (named.Succeeded, named.RowsAdded));
        Assert.Equal([March1At1405, March1At1405 + (12L * 86_400_000_000)], log.Timestamps.ToArray());
    }

    [Fact]
    public async Task AFormatThatCannotReadADateStopsTheImportWithAnExample()
    {
        using var temp = new TempFolder();
        var file = temp.Write("events.csv", "customer_id,timestamp,event\nu1,14:05,view\n");
        var store = new EventStore(Path.Combine(temp.Path, "store"));

        var report = await store.ImportAsync(file, new EventImportOptions { Mapping = new Dictionary<string, string> { ["timestamp_format"] = "HH:mm" } });

        Assert.Equal("the mapping's timestamp_format \"HH:mm\" does not say the year, month and day (use yyyy, MM and dd); e.g. timestamp_format: \"dd/MM/yyyy HH:mm\"", report.Error);
    }
}
