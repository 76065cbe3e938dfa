namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>What the explorer asks of AUDIT_LOGS: a time window, free text, filters, a sort and a page.</summary>
public sealed record AuditQuery
{
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public string? Search { get; init; }
    public IReadOnlyList<AuditFilter> Filters { get; init; } = [];
    public string SortColumn { get; init; } = nameof(AuditEvent.EventTimeUtc);
    public bool SortDescending { get; init; } = true;
    /// <summary>Only the events matched to this ledger entity (<see cref="ExplorerState.IdentityId"/>).</summary>
    public long? IdentityId { get; init; }

    /// <summary>Only the events whose actor matched nothing in the ledger.</summary>
    public bool ActorUnmatched { get; init; }

    public int Skip { get; init; }

    /// <summary>When set, the page is the rows after this key in the query's order (keyset), and <see cref="Skip"/> is not used.</summary>
    public AuditPageKey? After { get; init; }
    public int Take { get; init; } = 50;
}
