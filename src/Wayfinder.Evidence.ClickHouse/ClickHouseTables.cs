namespace Wayfinder.Evidence.ClickHouse;

/// <summary>
/// The names of one workspace's tables (all start with the settings' table prefix). On one server each is a MergeTree
/// table. With a cluster, the event and attribute tables are MergeTree tables named <c>…_local</c> on every shard, and the
/// names below are Distributed tables over them, sharded by <c>cityHash64(customer)</c>, so each customer's rows live on
/// one shard. The batches table lives on the first host only and is read with <c>GLOBAL IN</c>.
/// </summary>
public sealed record ClickHouseTables(string Prefix, bool Clustered)
{
    /// <summary>Events: customer, ts (Int64 µs), seq (UInt64, input order), event, channel ('' for none), prop_keys/prop_values, batch, hash.</summary>
    public string Events => Prefix + "_events";

    public string EventsLocal => Clustered ? Prefix + "_events_local" : Events;

    /// <summary>Customer attributes as rows: customer, name, value, ts, seq, batch; a customer's value is argMax(value, (ts, seq)).</summary>
    public string Attributes => Prefix + "_attributes";

    public string AttributesLocal => Clustered ? Prefix + "_attributes_local" : Attributes;

    /// <summary>Committed import batches: batch, file, rows, committed. A row of another table is visible only once its batch is here.</summary>
    public string Batches => Prefix + "_batches";

    /// <summary>Every customer an import brought (attribute-only customers too): customer, batch; local/Distributed like the events.</summary>
    public string Customers => Prefix + "_customers";

    public string CustomersLocal => Clustered ? Prefix + "_customers_local" : Customers;

    /// <summary>Ids stitched to another customer: alias, target, batch (first host only; the latest committed batch's target wins).</summary>
    public string Identities => Prefix + "_identities";

    /// <summary>Where an import's rows wait, sharded like the events, until they are checked for duplicates.</summary>
    public string Staging => Prefix + "_staging";

    public string StagingLocal => Clustered ? Prefix + "_staging_local" : Staging;

    /// <summary>Where an import's attribute values wait until each is weighed against the stored one.</summary>
    public string AttributeStaging => Prefix + "_attribute_staging";

    public string AttributeStagingLocal => Clustered ? Prefix + "_attribute_staging_local" : AttributeStaging;

    /// <summary>Survey answers (the feedback store's).</summary>
    public string Surveys => Prefix + "_surveys";

    /// <summary>Research insights (the feedback store's).</summary>
    public string Insights => Prefix + "_insights";

    /// <summary>The condition that keeps only rows of committed batches (a table's <c>batch</c> column).</summary>
    public string Visible => $"batch GLOBAL IN (SELECT batch FROM {Sql.Identifier(Batches)})";

    /// <summary>A name quoted for SQL.</summary>
    public static string Q(string name) => Sql.Identifier(name);
}
