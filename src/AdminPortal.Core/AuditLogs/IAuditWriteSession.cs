namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// One transaction of <see cref="AuditEventWriter"/>: chunks written as they come, stored together at
/// <see cref="CommitAsync"/>, none of them when disposed before. One implementation per Database:Provider.
/// </summary>
public interface IAuditWriteSession : IAsyncDisposable
{
    /// <summary>
    /// The session's transaction (and, through it, its connection): a caller's own change that must commit with the
    /// events it writes runs in it (an export run marked Interrupted and its audit event, ExportRunRecorder).
    /// </summary>
    System.Data.Common.DbTransaction Transaction { get; }

    /// <summary>Rows written so far that were new.</summary>
    int Stored { get; }

    /// <summary>Rows written so far whose event id was already stored (or earlier in this session).</summary>
    int Duplicates { get; }

    /// <summary>Their event ids, when the session was begun to keep them.</summary>
    IReadOnlyList<string> DuplicateIds { get; }

    /// <summary>Writes a chunk inside the transaction; nothing is visible to others before <see cref="CommitAsync"/>.</summary>
    Task WriteAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct = default);

    /// <summary>Adds the stored rows to the events per hour and commits.</summary>
    Task CommitAsync(CancellationToken ct = default);
}
