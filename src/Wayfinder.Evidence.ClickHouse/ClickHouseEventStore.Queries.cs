namespace Wayfinder.Evidence.ClickHouse;

using Wayfinder.Core.Documents;
using Wayfinder.Evidence.Store;

public sealed partial class ClickHouseEventStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<CustomerEvents>> CustomersAsync(string segment, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <inheritdoc/>
    public Task<SegmentChannels> ChannelMixAsync(string? segment, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <inheritdoc/>
    public Task<BehaviourFeatures> BehaviourAsync(Journey journey, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();
}
