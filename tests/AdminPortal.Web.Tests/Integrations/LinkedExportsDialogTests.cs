using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.Data;
using AdminPortal.Core.Exports;
using AdminPortal.Core.Integrations;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Components.Integrations;
using AdminPortal.Web.Components.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Integrations;

/// <summary>
/// Edit Destination and Delete integration list the scheduled exports they will touch (with their workbooks), and
/// their checkbox decides what happens to them: paused or re-pointed, paused or deleted, as the database shows after.
/// </summary>
public sealed class LinkedExportsDialogTests : IntegrationsContext
{
    private static readonly (string Schedule, string Workbook)[] Linked =
    [
        ("Nightly SOC feed", "Security review"),
        ("Weekly compliance copy", "Compliance archive"),
    ];

    [Fact]
    public async Task Edit_Destination_lists_each_linked_scheduled_export_with_its_workbook()
    {
        var integration = await SeedLinkedAsync("s3_edit_lists");

        var (dialogs, _) = await OpenAsync<EditDestinationDialog, IntegrationSummary>(integration, "edit-destination-form");

        AssertListed(dialogs);
    }

    [Fact]
    public async Task Delete_integration_lists_each_linked_scheduled_export_with_its_workbook()
    {
        var integration = await SeedLinkedAsync("s3_delete_lists");

        var (dialogs, _) = await OpenAsync<DeleteIntegrationDialog, bool>(integration, "delete-integration-form");

        AssertListed(dialogs);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Edit_Destination_pauses_the_linked_exports_unless_told_to_update_them(bool updateLinked)
    {
        var integration = await SeedLinkedAsync($"s3_edit_{updateLinked}".ToLowerInvariant());
        var (dialogs, open) = await OpenAsync<EditDestinationDialog, IntegrationSummary>(integration, "edit-destination-form");

        dialogs.Find("#destination").Change($"s3://audit-exports/moved-{updateLinked}/".ToLowerInvariant());
        if (updateLinked)
        {
            dialogs.Find("[data-testid=update-linked-exports]").Change(true);
        }

        dialogs.Find("[data-testid=edit-destination-form]").Submit();

        dialogs.WaitForAssertion(() => Assert.True(open.IsCompleted), TimeSpan.FromSeconds(20));
        Assert.NotNull(await open);
        var stored = await LinkedSchedulesAsync(integration.Id);
        Assert.Equal(Linked.Select(l => l.Schedule).Order(), stored.Select(s => s.Name).Order());
        Assert.All(stored, s => Assert.Equal(!updateLinked, s.Paused));
        Assert.All(stored, s => Assert.Equal(updateLinked, s.PauseReason is null));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Delete_integration_pauses_the_linked_exports_unless_told_to_delete_them(bool deleteLinked)
    {
        var integration = await SeedLinkedAsync($"s3_delete_{deleteLinked}".ToLowerInvariant());
        var (dialogs, open) = await OpenAsync<DeleteIntegrationDialog, bool>(integration, "delete-integration-form");

        if (deleteLinked)
        {
            dialogs.Find("[data-testid=delete-linked-exports]").Change(true);
        }

        dialogs.Find("[data-testid=confirm-delete-integration]").Click();

        dialogs.WaitForAssertion(() => Assert.True(open.IsCompleted), TimeSpan.FromSeconds(20));
        Assert.True(await open);
        var stored = await LinkedSchedulesAsync(integration.Id);
        if (deleteLinked)
        {
            Assert.Empty(stored);
        }
        else
        {
            Assert.Equal(Linked.Select(l => l.Schedule).Order(), stored.Select(s => s.Name).Order());
            Assert.All(stored, s => Assert.True(s.Paused));
            Assert.All(stored, s => Assert.Contains(integration.Name, s.PauseReason));
        }
    }

    private static void AssertListed(IRenderedComponent<MudDialogProvider> dialogs)
    {
        var listed = dialogs.FindAll("[data-testid=linked-exports] [data-testid=linked-export]")
            .Select(e => (e.QuerySelector(".linked-export-name")!.TextContent, e.QuerySelector(".linked-export-workbook")!.TextContent))
            .ToList();
        Assert.Equal(Linked, listed);
        Assert.Contains("2 scheduled exports write to this integration", dialogs.Find("[data-testid=linked-exports]").TextContent);
    }

    /// <summary>
    /// An S3 integration made by the real use case, and two schedules on two workbooks made by the real use cases.
    /// A schedule needs an integration whose last test succeeded; nothing answers at the closed endpoint, so the row
    /// is given the status a reachable bucket would have left (the cloud is outside what these tests cover).
    /// </summary>
    private async Task<IntegrationSummary> SeedLinkedAsync(string name)
    {
        var integration = await CreateAsync(IntegrationCloud.Aws, name);
        await using (var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var stored = await db.StorageIntegrations.SingleAsync(i => i.Id == integration.Id);
            stored.LastTestStatus = AdminPortal.CloudStorage.ConnectionTestResult.SuccessStatus;
            await db.SaveChangesAsync();
        }

        var workbooks = Services.GetRequiredService<WorkbookService>();
        var schedules = Services.GetRequiredService<ScheduledExportService>();
        foreach (var (schedule, workbook) in Linked)
        {
            var saved = await workbooks.SaveAsAsync(Admin, workbook, "Exports", new ExplorerState());
            Assert.True(saved.Succeeded, string.Join(" ", saved.AllMessages));
            var element = Assert.Single((await workbooks.GetAsync(Admin, saved.Value))!.Elements);
            var created = await schedules.CreateAsync(Admin, new ScheduleExportCommand
            {
                Name = schedule,
                WorkbookId = saved.Value,
                TableElementId = element.Id,
                IntegrationId = integration.Id,
                UriTemplate = "events-{run}-{part}.csv",
                FrequencyKind = ExportFrequencyKind.Daily,
                TimeOfDay = new TimeOnly(3, 30),
            });
            Assert.True(created.Succeeded, string.Join(" ", created.AllMessages));
        }

        return integration;
    }

    /// <summary>Opens the dialog as the integrations list does, through the portal's dialogs.</summary>
    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, Task<TResult?> Open)> OpenAsync<TDialog, TResult>(IntegrationSummary integration, string form)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var dialogs = RenderDialogs();
        Task<TResult?> open = null!;
        await dialogs.InvokeAsync(() => { open = Services.GetRequiredService<PortalDialogs>().OpenAsync<TDialog, TResult>(
            integration.Name, new Dictionary<string, object?> { ["IntegrationId"] = integration.Id }, MaxWidth.Medium); });
        dialogs.WaitForElement($"[data-testid={form}]");
        return (dialogs, open);
    }

    /// <summary>The schedules that still name the integration (or named it: a deleted integration leaves paused ones behind).</summary>
    private async Task<List<ScheduledExport>> LinkedSchedulesAsync(Guid integrationId)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.ScheduledExports.AsNoTracking().Where(s => s.IntegrationId == integrationId).ToListAsync();
    }
}
