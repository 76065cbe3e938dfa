using AdminPortal.Core.AuditLogs.Explorer;

namespace AdminPortal.Web.Api.Workbooks;

/// <summary>A table element: its name (AUDIT_LOGS… when empty) and the explorer's state it shows (<c>{}</c>: all events of the last 7 days' default view).</summary>
public sealed record WorkbookElementRequest
{
    public string? Name { get; init; }
    public ExplorerState State { get; init; } = new();
}
