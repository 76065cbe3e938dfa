using AdminPortal.Core.Integrations;
using AdminPortal.Web.Components.Integrations;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Integrations;

/// <summary>Sigma's flows from the list: View credentials &gt; Edit Destination or Delete integration, and their pop-ups.</summary>
public sealed class IntegrationsSectionTests : IntegrationsContext
{
    [Fact]
    public void The_create_button_reads_Create_storage_integration()
    {
        var section = Render<IntegrationsSection>();

        Assert.Equal("Create storage integration", section.Find("[data-testid=add-integration]").TextContent.Trim());
    }

    [Fact]
    public async Task View_credentials_then_Edit_Destination_updates_the_destination_and_pops_up_Cloud_destination_updated()
    {
        var integration = await CreateAsync(IntegrationCloud.Aws, "s3_edit_flow");
        var (section, dialogs, snackbar) = RenderSection();

        ClickRowButton(section, integration.Name, "View credentials");
        dialogs.WaitForElement("[data-testid=credentials-edit]").Click();
        var form = dialogs.WaitForElement("[data-testid=edit-destination-form]");
        Assert.Contains("Update export destination for all linked scheduled exports instead of pausing",
            dialogs.Find("[data-testid=update-linked-exports]").ParentElement!.ParentElement!.ParentElement!.TextContent);
        Assert.Contains("Linked scheduled exports", dialogs.Find("[data-testid=linked-exports]").TextContent);
        dialogs.Find("#destination").Change("s3://audit-exports/moved-edit-flow/");
        dialogs.Find("[data-testid=edit-destination-form]").Submit();

        snackbar.WaitForAssertion(() => Assert.Contains("Cloud destination updated: s3_edit_flow", snackbar.Markup), TimeSpan.FromSeconds(20));
        // The text a person reads (DestinationUri puts each path segment in its own span).
        section.WaitForAssertion(() => Assert.Contains("s3://audit-exports/moved-edit-flow/", section.Find("[data-testid=integrations-grid]").TextContent));
    }

    [Fact]
    public async Task View_credentials_then_Delete_integration_removes_it_and_pops_up_Integration_deleted()
    {
        var integration = await CreateAsync(IntegrationCloud.Azure, "azure_delete_flow");
        var (section, dialogs, snackbar) = RenderSection();

        ClickRowButton(section, integration.Name, "View credentials");
        dialogs.WaitForElement("[data-testid=credentials-delete]").Click();
        dialogs.WaitForElement("[data-testid=delete-integration-form]");
        Assert.Contains("Delete all linked scheduled exports", dialogs.Find("[data-testid=delete-integration-form]").TextContent);
        dialogs.Find("[data-testid=delete-linked-exports]").Change(true);
        dialogs.Find("[data-testid=confirm-delete-integration]").Click();

        snackbar.WaitForAssertion(() => Assert.Contains("Integration deleted: azure_delete_flow", snackbar.Markup), TimeSpan.FromSeconds(20));
        section.WaitForAssertion(() => Assert.DoesNotContain("azure_delete_flow", section.Markup));
        Assert.Empty(await Services.GetRequiredService<ListIntegrations>().HandleAsync(Admin));
    }

    [Fact]
    public async Task A_failed_test_shows_one_line_with_the_rest_behind_Show_details()
    {
        var integration = await CreateAsync(IntegrationCloud.Aws, "s3_failed_line");

        var section = Render<IntegrationsSection>();

        var status = section.Find($"[data-testid=status-{integration.Name}]");
        Assert.Contains("FAILED", status.TextContent);
        var line = status.QuerySelector(".error-summary-line")!.TextContent;
        Assert.DoesNotContain('\n', line);
        Assert.True(line.Length <= 200);
    }

    private (IRenderedComponent<IntegrationsSection>, IRenderedComponent<MudDialogProvider>, IRenderedComponent<MudSnackbarProvider>) RenderSection()
    {
        var dialogs = RenderDialogs();
        var snackbar = Render<MudSnackbarProvider>();
        var section = Render<IntegrationsSection>();
        section.WaitForElement("[data-testid=integrations-grid] tbody tr");
        return (section, dialogs, snackbar);
    }

    private static void ClickRowButton(IRenderedComponent<IntegrationsSection> section, string name, string words) =>
        section.Find($"[data-testid=actions-{name}]").QuerySelectorAll("button").Single(b => b.TextContent.Trim() == words).Click();
}
