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
        var workbooks = await portal.GetAsync("api/workbooks", CliJsonContext.Default.ListWorkbookItem, ct);
        return workbooks.Where(w => w.Name == Name).Select(w => (int?)w.Id).Min();
    }

    /// <summary>The workbook and element ids, creating either when missing (a second exportConfig reuses both).</summary>
    public static async Task<(int WorkbookId, int ElementId)> EnsureAsync(PortalClient portal, CancellationToken ct)
    {
        if (await FindAsync(portal, ct) is not { } workbookId)
        {
            var created = await portal.PostAsync("api/workbooks", new CreateWorkbookRequest(Name, null, new ElementRequest(ElementName, EveryEvent)),
                CliJsonContext.Default.CreateWorkbookRequest, CliJsonContext.Default.CreatedWorkbook, ct);
            return (created.Id!.Value, created.ElementId!.Value);
        }

        var workbook = await portal.GetAsync($"api/workbooks/{workbookId}", CliJsonContext.Default.WorkbookItem, ct);
        if (workbook.Elements?.FirstOrDefault(e => e.Name == ElementName && IsEveryEvent(e.State)) is { } element)
        {
            return (workbookId, element.Id);
        }

        var added = await portal.PostAsync($"api/workbooks/{workbookId}/elements", new ElementRequest(ElementName, EveryEvent),
            CliJsonContext.Default.ElementRequest, CliJsonContext.Default.CreatedWorkbook, ct);
        return (workbookId, (added.ElementId ?? added.Id)!.Value);
    }

    /// <summary>No filter, no search: an empty object, or the explorer's state with every field empty.</summary>
    private static bool IsEveryEvent(JsonElement? state) =>
        state is not { } value || value.ValueKind switch
        {
            JsonValueKind.Object => value.EnumerateObject().All(p => IsEmpty(p.Value)),
            JsonValueKind.String => value.GetString() is null or "" or "{}",
            JsonValueKind.Null => true,
            _ => false,
        };

    private static bool IsEmpty(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => true,
        JsonValueKind.String => string.IsNullOrEmpty(value.GetString()),
        JsonValueKind.Array => value.GetArrayLength() == 0,
        JsonValueKind.Object => value.EnumerateObject().All(p => IsEmpty(p.Value)),
        _ => false,
    };
}
