using AdminPortal.Core.AuditLogs.Ingestion;

namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>
/// The events collected from a raw log (not stored yet; empty when a sink received them), the rows rejected, or the
/// reason nothing was collected.
/// </summary>
public sealed class CsvCollectionResult
{
    /// <summary>The longest reason kept: a reason may quote a cell, and a cell may be megabytes long.</summary>
    public const int MaxReasonLength = CsvRejections.MaxReasonLength;

    private readonly CsvRejections rejections = new();

    public List<AuditEvent> Events { get; } = [];

    /// <summary>The first <see cref="AuditParseResult.MaxRejectionsListed"/> rejected rows, in line order; the rest are only counted.</summary>
    public List<CsvRowRejection> Rejections => rejections.Listed;

    /// <summary>Rows that produced an event.</summary>
    public int AcceptedCount { get; internal set; }

    /// <summary>Rows rejected, listed or not.</summary>
    public int RejectedCount => rejections.Count;

    internal CsvRejections RejectionList => rejections;

    internal void Reject(int line, string reason) => rejections.Reject(line, reason);

    /// <summary>Set when a definition file (or the raw log's header) is malformed: then Events and Rejections are empty.</summary>
    public CsvDefinitionError? Refusal { get; internal set; }

    public bool IsRefused => Refusal is not null;
}
