namespace Wayfinder.Evidence.Tests.Store;

using Wayfinder.Evidence.Store;

/// <summary>Two logs compared column by column: ids, rows per customer, times, dictionaries and every code.</summary>
internal static class LogAssert
{
    public static void Same(EventLog expected, EventLog actual)
    {
        Assert.Equal(expected.CustomerIds, actual.CustomerIds);
        Assert.Equal(expected.CustomerStart, actual.CustomerStart);
        Assert.Equal(expected.Timestamps, actual.Timestamps);
        Assert.Equal(expected.EventNames, actual.EventNames);
        Assert.Equal(expected.EventCodes, actual.EventCodes);
        Assert.Equal(expected.ChannelNames, actual.ChannelNames);
        Assert.Equal(expected.ChannelCodes, actual.ChannelCodes);
        Assert.Equal(expected.Properties.Keys.Order(), actual.Properties.Keys.Order());
        foreach (var (name, column) in expected.Properties)
        {
            Assert.Equal(column.Values, actual.Properties[name].Values);
            Assert.Equal(column.Codes, actual.Properties[name].Codes);
        }

        Assert.Equal(expected.Attributes.Keys.Order(), actual.Attributes.Keys.Order());
        foreach (var (name, column) in expected.Attributes)
        {
            Assert.Equal(column.Values, actual.Attributes[name].Values);
            Assert.Equal(column.Codes, actual.Attributes[name].Codes);
        }
    }
}
