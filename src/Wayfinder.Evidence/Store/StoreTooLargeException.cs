namespace Wayfinder.Evidence.Store;

/// <summary>
/// The embedded store holds more events than this machine can read into memory (<see cref="StoreCapacity.ReadProblem"/>):
/// thrown before any row is read, with the limit in words and the way to ClickHouse. An <see cref="IOException"/>, so
/// the command line prints it as a problem the user can act on, not as a bug.
/// </summary>
public sealed class StoreTooLargeException(string message) : IOException(message);
