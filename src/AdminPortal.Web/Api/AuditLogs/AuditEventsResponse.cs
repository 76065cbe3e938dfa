using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Web.Api.AuditLogs;

/// <summary>One page of the explorer's search: the events, and the total (a lower bound past the explorer's count limit).</summary>
public sealed record AuditEventsResponse(IReadOnlyList<AuditEvent> Events, long Total, bool TotalIsLowerBound)
{
    public static AuditEventsResponse From(AuditPage page) => new(page.Rows, page.Total, page.TotalIsLowerBound);
}
