using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace AdminPortal.Web.Components.Exports;

/// <summary>
/// Add or edit a schedule: destination with a live preview of the object name and of how many objects the next run
/// writes, element, format, mode and what its first run takes, frequency.
/// </summary>
public sealed partial class ScheduleForm
{
    [Parameter, EditorRequired] public int WorkbookId { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<TableElement> Elements { get; set; } = [];
    [Parameter] public ScheduledExport? Editing { get; set; }
    [Parameter] public EventCallback<string> OnSaved { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }
    [Inject] private ScheduledExportService Schedules { get; set; } = default!;
    [Inject] private EstimateNextRun Estimates { get; set; } = default!;
    [Inject] private ListIntegrationNames IntegrationNames { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>How many next runs the form shows under the frequency.</summary>
    public const int NextRunsShown = 3;

    private ScheduleFormModel form = new();
    private EditContext editContext = default!;
    private ValidationMessageStore messages = default!;
    private IReadOnlyList<string> general = [];
    private IReadOnlyList<IntegrationName> integrations = [];
    private ExportUriPreview? preview;
    private NextRunEstimate? estimate;
    private string root = "";
    private bool busy;

    private IReadOnlyList<DateTimeOffset> NextRuns => form.NextRuns(Clock.GetUtcNow(), NextRunsShown);

    private static bool Usable(IntegrationName i) => i.LastTestStatus == AdminPortal.CloudStorage.ConnectionTestResult.SuccessStatus;

    private static string OptionLabel(IntegrationName i) =>
        $"{i.Name} ({i.Cloud.Label()}){(Usable(i) ? "" : $" — {PortalToasts.OneLine(i.LastTestStatus ?? "never tested")}")}";

    private string IntegrationLabel(Guid? id) => integrations.FirstOrDefault(i => i.Id == id) is { } i ? OptionLabel(i) : "";

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        form = Editing is null
            ? new ScheduleFormModel { TableElementId = Elements.FirstOrDefault()?.Id ?? 0, NotificationEmails = user.Identity?.Name }
            : ScheduleFormModel.From(Editing);
        editContext = new EditContext(form);
        messages = new ValidationMessageStore(editContext);
        integrations = await IntegrationNames.HandleAsync(user);
        form.IntegrationId ??= integrations.FirstOrDefault(i => i.LastTestStatus == AdminPortal.CloudStorage.ConnectionTestResult.SuccessStatus)?.Id;
        await RefreshAsync();
    }

    /// <summary>The preview and the estimate follow typing, after a pause (the field's debounce: never a query per keystroke).</summary>
    private Task PreviewTypedAsync(string _) => RefreshAsync();

    private async Task RefreshAsync()
    {
        await PreviewAsync();
        await EstimateAsync();
    }

    /// <summary>How many objects the next run would write with what the form holds now (none while the template is invalid).</summary>
    private async Task EstimateAsync() =>
        estimate = await Estimates.HandleAsync((await AuthenticationState).User, form.ToEstimateQuery(WorkbookId, Editing?.Id));

    /// <summary>"Use daily objects": the template without its hour, as the estimate proposed it.</summary>
    private async Task UseDailyAsync(string daily)
    {
        form.UriTemplate = daily;
        await RefreshAsync();
    }

    /// <summary>What the first run takes, in the words of the element's range; "since" the oldest event the estimate found.</summary>
    private string FirstRunText => form.FirstRun == ExportFirstRun.WorkbookRange
        ? $"First run: exports the workbook's time range ({ElementRange})."
        : estimate?.Count.FirstEventUtc is { } since
            ? $"First run: exports all retained events (since {since.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)})."
            : "First run: exports all retained events.";

    private static string Delivered(NextRunEstimate delivered) =>
        "First run: done. The next run exports the events ingested since " +
        (delivered.WatermarkIngestedAtUtc?.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) ?? "the last export") + ".";

    private string ElementRange =>
        AdminPortal.Core.AuditLogs.Explorer.ExplorerState.FromJson(Elements.FirstOrDefault(e => e.Id == form.TableElementId)?.StateJson).DescribeRange();

    private async Task PreviewAsync()
    {
        if (form.IntegrationId is not { } id)
        {
            preview = null;
            root = "";
            return;
        }

        preview = await Schedules.PreviewAsync((await AuthenticationState).User, id, form.UriTemplate);
        root = integrations.FirstOrDefault(i => i.Id == id)?.Name is { } name ? $"{name}:" : "";
    }

    private async Task ChangeFormat(ExportFormat format, bool gzip)
    {
        var (oldFormat, oldGzip) = (form.Format, form.Gzip);
        form.Format = format;
        form.Gzip = gzip;
        form.FollowExtension(oldFormat, oldGzip);
        await RefreshAsync();
    }

    private async Task SaveAsync()
    {
        busy = true;
        try
        {
            var user = (await AuthenticationState).User;
            var command = form.ToCommand(WorkbookId);
            var result = Editing is null
                ? await Schedules.CreateAsync(user, command)
                : await Schedules.UpdateAsync(user, Editing.Id, command);
            if (result.Succeeded)
            {
                await OnSaved.InvokeAsync(string.IsNullOrWhiteSpace(form.Name) ? Editing?.Name ?? "The schedule" : form.Name.Trim());
                return;
            }

            general = FormErrors.Apply(editContext, messages, result);
        }
        finally
        {
            busy = false;
        }
    }
}
