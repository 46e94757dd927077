namespace Wayfinder.Evidence.ClickHouse;

/// <summary>
/// A ClickHouse server could not be reached, refused a query, or is too old. The message says in plain words what was
/// tried (the address without credentials) and what to do; <see cref="Code"/> is the server's error code when it answered.
/// </summary>
public sealed class ClickHouseException : Exception
{
    public ClickHouseException(string message, int? code = null, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
    }

    public ClickHouseException()
    {
    }

    public ClickHouseException(string message)
        : base(message)
    {
    }

    public ClickHouseException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>The server's error code (e.g. 60: unknown table, 279: all connection tries failed); null when it did not answer.</summary>
    public int? Code { get; }

    /// <summary>Whether the server (or a shard behind it) could not be reached, as opposed to refusing the query.</summary>
    public bool Unreachable { get; init; }
}
