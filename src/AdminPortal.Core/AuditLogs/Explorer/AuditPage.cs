namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// One page of events; the total is exact up to <see cref="AuditEventReader.ExactCountLimit"/>
/// (<see cref="AuditEventReader.SearchCountLimit"/> with free text), then a lower bound.
/// </summary>
public sealed record AuditPage(IReadOnlyList<AuditEvent> Rows, long Total, bool TotalIsLowerBound);
