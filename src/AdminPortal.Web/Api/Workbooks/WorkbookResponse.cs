using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Workbooks;

namespace AdminPortal.Web.Api.Workbooks;

/// <summary>A workbook with its table elements, in order.</summary>
public sealed record WorkbookResponse(int Id, string Name, string Folder, string OwnerEmail, DateTime UpdatedAtUtc, IReadOnlyList<WorkbookElementResponse> Elements)
{
    public static WorkbookResponse From(Workbook w) => new(w.Id, w.Name, w.Folder, w.OwnerEmail, w.UpdatedAtUtc,
        w.Elements.Select(e => new WorkbookElementResponse(e.Id, e.Name, ExplorerState.FromJson(e.StateJson))).ToList());
}
