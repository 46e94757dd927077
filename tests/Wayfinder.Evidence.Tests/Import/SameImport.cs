namespace Wayfinder.Evidence.Tests.Import;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

/// <summary>Asserts that two readers made the same of one file: the same report, rows, names, codes and values.</summary>
internal static class SameImport
{
    public static void Assert((ImportReport Report, EventLog Log) expected, (ImportReport Report, EventLog Log) actual)
    {
        var (a, b) = (expected.Log, actual.Log);
        Xunit.Assert.Equal((expected.Report.RowsRead, expected.Report.BadRows), (actual.Report.RowsRead, actual.Report.BadRows));
        Xunit.Assert.Equal(expected.Report.Problems, actual.Report.Problems);
        Xunit.Assert.Equal(a.CustomerIds, b.CustomerIds);
        Xunit.Assert.Equal(a.Timestamps, b.Timestamps);
        Xunit.Assert.Equal(a.EventNames, b.EventNames);
        Xunit.Assert.Equal(a.EventCodes, b.EventCodes);
        Xunit.Assert.Equal(a.ChannelNames, b.ChannelNames);
        Xunit.Assert.Equal(a.ChannelCodes, b.ChannelCodes);
        Xunit.Assert.Equal(a.Properties.Keys.Order(), b.Properties.Keys.Order());
        foreach (var (name, column) in a.Properties)
        {
            Xunit.Assert.Equal(column.Values, b.Properties[name].Values);
            Xunit.Assert.Equal(column.Codes, b.Properties[name].Codes);
        }

        Xunit.Assert.Equal(a.Attributes.Keys.Order(), b.Attributes.Keys.Order());
        foreach (var (name, column) in a.Attributes)
        {
            Xunit.Assert.Equal(column.Values, b.Attributes[name].Values);
            Xunit.Assert.Equal(column.Codes, b.Attributes[name].Codes);
        }
    }
}
