namespace Wayfinder.Evidence.ClickHouse;

using Wayfinder.Core.Documents;
using Wayfinder.Core.Metrics;
using Wayfinder.Evidence.Store;

public sealed partial class ClickHouseEventStore
{
    /// <inheritdoc/>
    public Task<JourneyMetrics> AnalyzeAsync(Journey journey, MetricsQuery query, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <inheritdoc/>
    public Task<IReadOnlyList<TrendPoint>> TrendAsync(Journey journey, MetricsQuery query, string grain, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
