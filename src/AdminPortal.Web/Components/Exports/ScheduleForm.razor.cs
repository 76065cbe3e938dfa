using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace AdminPortal.Web.Components.Exports;

/// <summary>Add or edit a schedule: destination with a live preview of the object name, element, format, mode, frequency.</summary>
public sealed partial class ScheduleForm
{
    [Parameter, EditorRequired] public int WorkbookId { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<TableElement> Elements { get; set; } = [];
    [Parameter] public ScheduledExport? Editing { get; set; }
    [Parameter] public EventCallback<string> OnSaved { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }
    [Inject] private ScheduledExportService Schedules { get; set; } = default!;
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
        await PreviewAsync();
    }

    /// <summary>The preview follows typing, after a pause (the field's debounce: never a query per keystroke).</summary>
    private Task PreviewTypedAsync(string _) => PreviewAsync();

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
        await PreviewAsync();
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
