using AdminPortal.Core.Integrations;
using AdminPortal.Web.Components.Integrations;
using AdminPortal.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminPortal.Web.Tests.Integrations;

public sealed class AddIntegrationDialogTests : IntegrationsContext
{
    [Theory]
    [InlineData("cloud-aws", "method-AwsRole", "role-arn", null)]
    [InlineData("cloud-aws", "method-AwsAccessKey", "access-key-id", "Secret access key")]
    [InlineData("cloud-azure", "method-AzureApplication", "tenant-id", null)]
    [InlineData("cloud-azure", "method-AzureAccountKey", null, "Account key")]
    [InlineData("cloud-azure", "method-AzureSas", null, "SAS token")]
    [InlineData("cloud-gcp", "method-GcpPortalServiceAccount", null, null)]
    [InlineData("cloud-gcp", "method-GcpServiceAccountKey", null, "Service account key JSON")]
    public void Each_method_of_each_cloud_asks_for_its_own_fields(string cloud, string method, string? idField, string? secretLabel)
    {
        var (dialogs, _) = OpenAddDialog();

        dialogs.Find($"[data-testid={cloud}]").Click();
        dialogs.Find($"[data-testid={method}]").Click();

        var form = dialogs.Find("[data-testid=add-integration-form]");
        Assert.NotNull(form.QuerySelector("#integration-name"));
        Assert.NotNull(form.QuerySelector("#destination"));
        Assert.Equal(cloud == "cloud-aws", form.QuerySelector("#region") is not null);
        foreach (var id in new[] { "role-arn", "access-key-id", "tenant-id" })
        {
            Assert.Equal(id == idField, form.QuerySelector($"#{id}") is not null);
        }

        var secret = form.QuerySelector("#secret");
        Assert.Equal(secretLabel is not null, secret is not null);
        if (secretLabel is not null)
        {
            Assert.Equal(secretLabel, form.QuerySelector("label[for=secret]")!.TextContent.Trim());
            // A key JSON is pasted in a text area; every other secret is a password field, never shown as typed.
            Assert.Equal(method == "method-GcpServiceAccountKey" ? "TEXTAREA" : "INPUT", secret.TagName);
            if (secret.TagName == "INPUT")
            {
                Assert.Equal("password", secret.GetAttribute("type"));
            }
        }
    }

    [Fact]
    public void Every_cloud_keeps_every_method_it_has_today()
    {
        var (dialogs, _) = OpenAddDialog();
        var methods = new List<string>();
        foreach (var cloud in new[] { "cloud-aws", "cloud-azure", "cloud-gcp" })
        {
            dialogs.Find($"[data-testid={cloud}]").Click();
            methods.AddRange(dialogs.FindAll("input[data-testid^=method-]").Select(m => m.GetAttribute("data-testid")!));
        }

        Assert.Equal(Enum.GetValues<IntegrationAuthMethod>().Select(m => $"method-{m}").Order(), methods.Order());
    }

    [Fact]
    public void Choosing_a_cloud_proposes_its_next_free_name()
    {
        var (dialogs, _) = OpenAddDialog();

        dialogs.Find("[data-testid=cloud-azure]").Click();

        Assert.StartsWith("azure_", dialogs.Find("#integration-name").GetAttribute("value"));
    }

    [Fact]
    public void An_empty_destination_is_explained_on_its_field()
    {
        var (dialogs, _) = OpenAddDialog();
        dialogs.Find("[data-testid=method-AwsAccessKey]").Click();

        dialogs.Find("[data-testid=add-integration-form]").Submit();

        dialogs.WaitForAssertion(() => Assert.Contains("Enter the destination, such as s3://", dialogs.Markup));
    }

    [Fact]
    public async Task Create_with_bad_input_shows_every_message_at_once_and_creates_nothing()
    {
        var (dialogs, open) = OpenAddDialog();
        dialogs.Find("[data-testid=method-AwsAccessKey]").Click();
        dialogs.Find("#destination").Change("s3://Bad_Bucket/logs/");
        dialogs.Find("#integration-name").Change("Bad Name");

        dialogs.Find("[data-testid=add-integration-form]").Submit();

        dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("A bucket name may contain only lowercase letters", dialogs.Markup);
            Assert.Contains("An integration name is 3 to 64 lowercase letters", dialogs.Markup);
            Assert.Contains("Enter the secret access key.", dialogs.Markup);
        });
        Assert.False(open.IsCompleted);
        Assert.Empty(await Services.GetRequiredService<ListIntegrations>().HandleAsync(Admin));
    }

    [Fact]
    public void A_valid_form_creates_the_integration_and_closes_with_it()
    {
        var (dialogs, open) = OpenAddDialog();
        dialogs.Find("[data-testid=method-AwsAccessKey]").Click();
        dialogs.Find("#integration-name").Change("s3_from_dialog");
        dialogs.Find("#destination").Change("s3://audit-exports/from-dialog/");
        dialogs.Find("#service-url").Change(ClosedEndpoint);
        dialogs.Find("#access-key-id").Change("AKIAWEBTESTS");
        dialogs.Find("#secret").Change(S3SecretAccessKey);

        dialogs.Find("[data-testid=add-integration-form]").Submit();

        dialogs.WaitForAssertion(() => Assert.True(open.IsCompleted), TimeSpan.FromSeconds(20));
        var created = open.Result;
        Assert.Equal("s3_from_dialog", created!.Name);
        Assert.Equal("s3://audit-exports/from-dialog/", created.Destination);
        Assert.Empty(dialogs.FindAll("[data-testid=add-integration-form]"));
    }

    private (IRenderedComponent<MudDialogProvider> Dialogs, Task<IntegrationSummary?> Open) OpenAddDialog()
    {
        var dialogs = RenderDialogs();
        Task<IntegrationSummary?> open = null!;
        dialogs.InvokeAsync(() => { open = Services.GetRequiredService<PortalDialogs>().OpenAsync<AddIntegrationDialog, IntegrationSummary>("Create storage integration"); });
        dialogs.WaitForElement("[data-testid=add-integration-form]");
        return (dialogs, open);
    }
}
