using AdminPortal.Core.Integrations;
using AdminPortal.Web.Components.Integrations;
using AdminPortal.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Integrations;

public sealed class CredentialsDialogTests : IntegrationsContext
{
    [Theory]
    [InlineData(IntegrationCloud.Aws, new[] { "cred-name", "cred-destination", "cred-access-key-id", "external-id", "iam-user-arn" })]
    [InlineData(IntegrationCloud.Azure, new[] { "cred-name", "cred-destination", "azure-app-name", "azure-consent-url" })]
    [InlineData(IntegrationCloud.Gcp, new[] { "cred-name", "cred-destination", "gcp-service-account" })]
    public async Task Every_credential_of_each_cloud_has_its_copy_button(IntegrationCloud cloud, string[] credentials)
    {
        var integration = await CreateAsync(cloud, $"{cloud.ToString().ToLowerInvariant()}_creds");

        var (dialogs, _) = await OpenCredentialsAsync(integration);

        var shown = dialogs.FindAll("[data-testid=credentials] .copy-value[data-testid]").Select(c => c.GetAttribute("data-testid")).ToList();
        Assert.Equal(credentials, shown);
        foreach (var credential in credentials)
        {
            var copy = dialogs.Find($"[data-testid=copy-{credential}]");
            Assert.Equal("Copy", copy.TextContent.Trim());
        }

        Assert.Contains("Cloud storage credentials", dialogs.Markup);
        Assert.Equal(integration.Name, dialogs.Find("[data-testid=cred-name-value]").TextContent);
    }

    [Fact]
    public async Task The_portal_credentials_are_the_configured_identities()
    {
        var aws = await CreateAsync(IntegrationCloud.Aws, "s3_portal_identity");
        var (dialogs, _) = await OpenCredentialsAsync(aws);

        Assert.Equal(IamUserArn, dialogs.Find("[data-testid=iam-user-arn-value]").TextContent);
        Assert.Equal(43, dialogs.Find("[data-testid=external-id-value]").TextContent.Length);
    }

    [Fact]
    public async Task Copy_puts_exactly_the_credential_on_the_clipboard_and_says_so()
    {
        var integration = await CreateAsync(IntegrationCloud.Aws, "s3_copy");
        var snackbar = Render<MudSnackbarProvider>();
        var (dialogs, _) = await OpenCredentialsAsync(integration);
        var externalId = dialogs.Find("[data-testid=external-id-value]").TextContent;

        dialogs.Find("[data-testid=copy-external-id]").Click();

        var copied = Assert.Single(JSInterop.Invocations, i => i.Identifier == "adminPortal.copyText");
        Assert.Equal(externalId, copied.Arguments.Single());
        snackbar.WaitForAssertion(() => Assert.Contains("External ID is on the clipboard.", snackbar.Markup));
    }

    [Theory]
    [InlineData(IntegrationCloud.Aws)]
    [InlineData(IntegrationCloud.Azure)]
    public async Task No_secret_is_ever_rendered_only_that_one_is_stored(IntegrationCloud cloud)
    {
        var integration = await CreateAsync(cloud, $"{cloud.ToString().ToLowerInvariant()}_no_secret");

        var (dialogs, _) = await OpenCredentialsAsync(integration);

        Assert.DoesNotContain(S3SecretAccessKey, dialogs.Markup);
        Assert.DoesNotContain(AzureAccountKey, dialogs.Markup);
        Assert.Contains("stored", dialogs.Find("[data-testid=secret-stored]").TextContent);
    }

    [Theory]
    [InlineData("credentials-edit", CredentialsAction.EditDestination, "Edit Destination")]
    [InlineData("credentials-delete", CredentialsAction.Delete, "Delete integration")]
    public async Task Edit_Destination_and_Delete_integration_are_inside_View_credentials(string button, CredentialsAction action, string words)
    {
        var integration = await CreateAsync(IntegrationCloud.Gcp, "gcs_inside");
        var (dialogs, open) = await OpenCredentialsAsync(integration);
        Assert.Contains("Linked scheduled exports", dialogs.Find("[data-testid=linked-exports]").TextContent);

        var chosen = dialogs.Find($"[data-testid={button}]");
        Assert.Equal(words, chosen.TextContent.Trim());
        chosen.Click();

        dialogs.WaitForAssertion(() => Assert.True(open.IsCompleted));
        Assert.Equal(action, await open);
    }

    private async Task<(IRenderedComponent<MudDialogProvider> Dialogs, Task<CredentialsAction?> Open)> OpenCredentialsAsync(IntegrationSummary integration)
    {
        var dialogs = RenderDialogs();
        Task<CredentialsAction?> open = null!;
        await dialogs.InvokeAsync(() => { open = Services.GetRequiredService<PortalDialogs>().OpenAsync<CredentialsDialog, CredentialsAction?>(
            "View credentials", new Dictionary<string, object?> { [nameof(CredentialsDialog.IntegrationId)] = integration.Id }); });
        dialogs.WaitForElement("[data-testid=credentials]");
        return (dialogs, open);
    }
}
