namespace Wayfinder.Evidence.ClickHouse;

using Wayfinder.Evidence.Import;
using Wayfinder.Evidence.Store;

public sealed partial class ClickHouseEventStore
{
    /// <inheritdoc/>
    public Task<ImportReport> ImportAsync(string path, EventImportOptions options, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <inheritdoc/>
    public Task<EventSummary> SummaryAsync(CancellationToken cancellationToken = default) => throw new NotImplementedException();
}
