namespace Wayfinder.Evidence.Tests.Import;

using Wayfinder.Core.Workspaces;
using Wayfinder.Evidence.Import;

public sealed class ColumnPresetsTests
{
    [Fact]
    public void EveryPresetCoreNamesHasColumns()
    {
        // Each preset's own names for the three required fields, as its export writes them.
        string[][] columns =
        [
            ["customer_id", "timestamp", "event"],
            ["user_pseudo_id", "event_timestamp", "event_name"],
            ["anonymousId", "timestamp", "event"],
            ["distinct_id", "time", "event"],
        ];

        Assert.Equal(DataSourcePresets.Names, ColumnPresets.Names);
        for (var i = 0; i < DataSourcePresets.Names.Count; i++)
        {
            var (plan, problem) = ColumnPresets.Resolve(DataSourcePresets.Names[i], columns[i]);
            Assert.Null(problem);
            Assert.Equal((columns[i][0], columns[i][1], columns[i][2]), (plan!.CustomerId, plan.Timestamp, plan.Event));
        }
    }
}
