using System.Text.Json;
using AdminPortal.Cli.Api;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>The workbook every exportConfig's schedule sends: "Audit log export" with one element of every event (state <c>{}</c>).</summary>
public static class AuditLogWorkbook
{
    public const string Name = "Audit log export";
    public const string ElementName = "All audit events";

    private static readonly JsonElement EveryEvent = JsonDocument.Parse("{}").RootElement.Clone();

    /// <summary>The workbook's id, or null when no exportConfig was created yet.</summary>
    public static async Task<int?> FindAsync(PortalClient portal, CancellationToken ct)
    {
        var workbooks = await portal.GetAsync("api/workbooks", CliJsonContext.Default.ListWorkbookSummaryItem, ct);
        return workbooks.Where(w => w.Name == Name).Select(w => (int?)w.Id).Min();
    }

    /// <summary>
    /// The workbook and element ids, creating either when missing (a second exportConfig reuses both). The element is
    /// found by its name: the API answers a state <c>{}</c> with the explorer's defaults filled in.
    /// </summary>
    public static async Task<(int WorkbookId, int ElementId)> EnsureAsync(PortalClient portal, CancellationToken ct)
    {
        if (await FindAsync(portal, ct) is not { } workbookId)
        {
            var created = await portal.PostAsync("api/workbooks", new CreateWorkbookRequest(Name, null, new ElementRequest(ElementName, EveryEvent)),
                CliJsonContext.Default.CreateWorkbookRequest, CliJsonContext.Default.CreatedWorkbook, ct);
            return (created.Id!.Value, created.ElementId!.Value);
        }

        var workbook = await portal.GetAsync($"api/workbooks/{workbookId}", CliJsonContext.Default.WorkbookItem, ct);
        if (workbook.Elements?.FirstOrDefault(e => e.Name == ElementName) is { } element)
        {
            return (workbookId, element.Id);
        }

        var added = await portal.PostAsync($"api/workbooks/{workbookId}/elements", new ElementRequest(ElementName, EveryEvent),
            CliJsonContext.Default.ElementRequest, CliJsonContext.Default.CreatedWorkbook, ct);
        return (workbookId, (added.ElementId ?? added.Id)!.Value);
    }
}
