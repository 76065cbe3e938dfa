namespace AdminPortal.Core.AuditLogs.SearchIndex;

/// <summary>When the full-text index catches up with ingestion.</summary>
public sealed class SearchIndexOptions
{
    public const string Section = "SearchIndex";

    /// <summary>
    /// Events indexed per transaction of the index file (about 0.15 s of one core); on PostgreSQL, the events whose search
    /// vector one UPDATE of <see cref="PostgreSqlAuditSearchIndexer"/> fills.
    /// </summary>
    public int ChunkSize { get; set; } = 20_000;

    /// <summary>Indexing starts once ingestion has been quiet this long (SQLite; PostgreSQL indexes as soon as events wait).</summary>
    public int IdleMilliseconds { get; set; } = 1000;

    /// <summary>
    /// Past this many events waiting, indexing goes on beside ingestion. Searches read the waiting events without the
    /// index, about 2 µs per event per query (bench/, 5M events: 100k waiting added 0.2 s to each of a search's three
    /// queries), so a search answers within its target while ingestion runs at full rate: 50k is about 1 s of it.
    /// </summary>
    public int MaxPendingEvents { get; set; } = 50_000;

    /// <summary>
    /// PostgreSQL: whether this node fills the search vectors of waiting events. Filling one costs the server about
    /// 100 µs of a core (bench/), about what storing it costs: on a cluster, nodes that take ingestion can leave it to
    /// the others (at least one node must keep it, or searches read ever more events without the index).
    /// </summary>
    public bool IndexOnThisNode { get; set; } = true;
}
