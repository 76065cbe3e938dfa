using AdminPortal.BrowserTests.Infrastructure;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

/// <summary>The Admin's storage integration flow in General Settings &gt; Audit Logging, against the emulators and maildev.</summary>
[Collection(PortalCollection.Name)]
public sealed class IntegrationAdministrationTests(SharedPortal shared)
{
    private const string SettingsPath = IntegrationPages.SettingsPath;
    private const string S3Secret = IntegrationPages.S3Secret;

    private StoragePeers Peers => shared.Storage;

    [Fact]
    public async Task An_admin_adds_an_integration_for_each_cloud_and_each_test_succeeds()
    {
        await using var admin = await shared.OpenAdminSessionAsync(SettingsPath);
        var page = admin.Page;

        await AddS3Async(page, "s3_browser_add", "s3://audit-exports/browser-add/");
        await IntegrationPages.AddAzureAsync(page, Peers, "azure_browser_add", "azure://devstoreaccount1/audit-exports/browser-add/");
        await IntegrationPages.AddGcsAsync(page, Peers, "gcs_browser_add", "gs://audit-exports/browser-add/");

        foreach (var name in new[] { "s3_browser_add", "azure_browser_add", "gcs_browser_add" })
        {
            await Assertions.Expect(page.GetByTestId($"status-{name}")).ToContainTextAsync("SUCCESS");
        }

        await Assertions.Expect(page.GetByTestId("integrations-grid")).ToContainTextAsync("azure://devstoreaccount1/audit-exports/browser-add/");
        await page.SetViewportSizeAsync(1280, 800);
        await admin.CaptureAsync("integrations-list");
        // Every row action is on screen at 1280 x 800, in words.
        var actions = page.GetByTestId("actions-azure_browser_add");
        foreach (var words in new[] { "View credentials", "Test connection", "More" })
        {
            var box = await actions.GetByRole(AriaRole.Button, new() { Name = words }).BoundingBoxAsync();
            Assert.True(box is not null && box.X + box.Width <= 1280, $"{words} is cut off at 1280 px");
        }

        // On a phone the table scrolls inside its own box: the box is never wider than the screen.
        await page.SetViewportSizeAsync(390, 844);
        var grid = await page.GetByTestId("integrations-grid").BoundingBoxAsync();
        Assert.True(grid!.Width <= 390, $"the integrations table is {grid.Width} px wide at 390 px");
        await admin.CaptureAsync("integrations-list-390");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task At_1280_px_a_destination_wraps_only_after_a_slash_and_every_header_stays_on_one_line()
    {
        // No "okta" in these names: the admin's audit events carry them, and ExplorerTests search the shared portal for "okta".
        const string destination = "s3://audit-exports/exports-siem-vanishing/siem-system-log-archive/";
        await using var admin = await shared.OpenAdminSessionAsync(SettingsPath);
        var page = admin.Page;
        await page.SetViewportSizeAsync(1280, 800);
        await AddS3Async(page, "s3_siem_system_log_archive", destination);
        var grid = page.GetByTestId("integrations-grid");
        await admin.CaptureAsync("integrations-destination-1280");

        var cell = Row(page, "s3_siem_system_log_archive").GetByRole(AriaRole.Cell).Nth(2);
        await Assertions.Expect(cell).ToHaveTextAsync(destination);
        // Wrapped inside a bucket or folder name, the URI reads as two ("s3://exports-okta-vanishin", "g/okta/").
        var breaks = await TextLines.BreaksAsync(cell);
        Assert.All(breaks, before => Assert.EndsWith("/", before));
        Assert.Empty(await TextLines.WrappedHeadersAsync(grid));
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task The_add_form_explains_bad_input_on_its_fields()
    {
        await using var admin = await shared.OpenAdminSessionAsync(SettingsPath);
        var page = admin.Page;
        await page.GetByTestId("add-integration").ClickAsync();
        var form = page.GetByTestId("add-integration-form");
        await Assertions.Expect(form.Locator("#integration-name")).Not.ToHaveValueAsync("");

        await form.GetByTestId("method-AwsAccessKey").CheckAsync();
        await form.GetByTestId("create-integration").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Enter the destination, such as s3://");

        await form.Locator("#destination").FillAsync("s3://Bad_Bucket/logs/");
        await form.Locator("#integration-name").FillAsync("Bad Name");
        await form.GetByTestId("create-integration").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("A bucket name may contain only lowercase letters");
        await Assertions.Expect(form).ToContainTextAsync("An integration name is 3 to 64 lowercase letters");
        await Assertions.Expect(form).ToContainTextAsync("Enter the secret access key.");
        await admin.CaptureAsync("add-integration-errors");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task A_failed_test_shows_the_clouds_own_error_and_a_hint()
    {
        await using var admin = await shared.OpenAdminSessionAsync(SettingsPath);

        await AddS3Async(admin.Page, "s3_browser_missing", "s3://no-such-bucket-browser/x/");

        var status = admin.Page.GetByTestId("status-s3_browser_missing");
        await Assertions.Expect(status).ToContainTextAsync("NoSuchBucket");
        await Assertions.Expect(status).ToContainTextAsync("does not exist");
        await admin.Page.GetByTestId("actions-s3_browser_missing").GetByRole(AriaRole.Button, new() { Name = "Test connection" }).ClickAsync();
        // The "created, but …" toast of the add may still be up: this one is the test's.
        await Assertions.Expect(admin.Page.GetByText("s3_browser_missing tested, but the connection test failed")).ToBeVisibleAsync();
        await Assertions.Expect(status.GetByTestId("failures")).ToHaveTextAsync("2 failed tests in a row");
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task View_credentials_gives_the_External_ID_and_policies_with_copy_buttons_and_never_the_secret()
    {
        await using var admin = await shared.OpenAdminSessionAsync(SettingsPath);
        var page = admin.Page;
        await AddS3Async(page, "s3_browser_creds", "s3://audit-exports/browser-creds/");

        await Row(page, "s3_browser_creds").GetByRole(AriaRole.Button, new() { Name = "View credentials" }).ClickAsync();

        var credentials = page.GetByTestId("credentials");
        await Assertions.Expect(credentials).ToContainTextAsync("Cloud storage credentials");
        await Assertions.Expect(credentials.GetByTestId("cred-name-value")).ToHaveTextAsync("s3_browser_creds");
        var externalId = await credentials.GetByTestId("external-id-value").InnerTextAsync();
        Assert.Equal(43, externalId.Length);
        await Assertions.Expect(credentials.GetByTestId("iam-user-arn-value")).ToHaveTextAsync(SharedPortal.IamUserArn);
        await Assertions.Expect(credentials.GetByTestId("secret-stored")).ToBeVisibleAsync();
        await Assertions.Expect(credentials.GetByTestId("iam-policy")).ToContainTextAsync("arn:aws:s3:::audit-exports/browser-creds/*");
        await Assertions.Expect(credentials.GetByTestId("trust-policy")).ToContainTextAsync(externalId);

        // Each credential has its own copy button, and it copies exactly that credential.
        await credentials.GetByRole(AriaRole.Button, new() { Name = "Copy External ID" }).ClickAsync();
        await Assertions.Expect(page.GetByText("External ID is on the clipboard.")).ToBeVisibleAsync();
        Assert.Equal(externalId, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await credentials.GetByRole(AriaRole.Button, new() { Name = "Copy IAM User ARN" }).ClickAsync();
        await Assertions.Expect(page.GetByText("IAM User ARN is on the clipboard.")).ToBeVisibleAsync();
        Assert.Equal(SharedPortal.IamUserArn, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));

        await credentials.GetByTestId("copy-trust-policy").ClickAsync();
        await Assertions.Expect(page.GetByText("Role trust policy is on the clipboard.")).ToBeVisibleAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(await credentials.GetByTestId("trust-policy").Locator("pre").InnerTextAsync(), copied);
        Assert.Contains(externalId, copied);
        Assert.DoesNotContain(S3Secret, await page.ContentAsync());
        await admin.CaptureAsync("integration-credentials");
        admin.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Editing_the_destination_retests_it_and_confirms_in_the_bell_and_by_e_mail(bool updateLinked)
    {
        var name = $"s3_browser_edit_{(updateLinked ? "repoint" : "pause")}";
        await using var admin = await shared.OpenAdminSessionAsync(SettingsPath);
        var page = admin.Page;
        await AddS3Async(page, name, $"s3://audit-exports/{name}/");

        // As Sigma's documentation walks it: View credentials > Edit Destination.
        await Row(page, name).GetByRole(AriaRole.Button, new() { Name = "View credentials" }).ClickAsync();
        await page.GetByTestId("credentials").GetByText("Linked scheduled exports").WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit Destination", Exact = true }).ClickAsync();
        var form = page.GetByTestId("edit-destination-form");
        await Assertions.Expect(form.Locator("#destination")).ToHaveValueAsync($"s3://audit-exports/{name}/");
        await Assertions.Expect(form).ToContainTextAsync("delete this integration and create a new one");
        await Assertions.Expect(form.GetByTestId("linked-exports")).ToContainTextAsync("No scheduled export writes to this integration.");
        await form.Locator("#destination").FillAsync($"s3://audit-exports/moved-{name}/");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "Update export destination for all linked scheduled exports instead of pausing" }).SetCheckedAsync(updateLinked);
        await form.GetByTestId("save-destination").ClickAsync();

        await Assertions.Expect(page.GetByText($"Cloud destination updated: {name}")).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, name)).ToContainTextAsync($"s3://audit-exports/moved-{name}/");
        await Assertions.Expect(page.GetByTestId($"status-{name}")).ToContainTextAsync("SUCCESS");
        await ExpectInBellAsync(page, "Cloud destination updated", name);
        var mail = await shared.Mail.WaitForAsync(SharedPortal.AdminEmail, "Cloud destination updated", name);
        // No export is linked to this integration, so the confirmation says nothing of linked exports.
        Assert.DoesNotContain("Linked scheduled exports were", mail.Text);
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Edit_destination_asks_for_the_secret_again_when_the_service_URL_changes()
    {
        const string name = "s3_browser_new_endpoint";
        await using var admin = await shared.OpenAdminSessionAsync(SettingsPath);
        var page = admin.Page;
        await AddS3Async(page, name, $"s3://audit-exports/{name}/");

        // The row's shortcut: More > Edit destination.
        await Row(page, name).GetByRole(AriaRole.Button, new() { Name = "More" }).ClickAsync();
        await page.GetByText("Edit destination", new() { Exact = true }).ClickAsync();
        var form = page.GetByTestId("edit-destination-form");
        await Assertions.Expect(form.GetByTestId("secret-again-hint")).ToContainTextAsync("Changing the service URL or the storage account requires the secret again");
        // Another endpoint (nothing listens there): the stored secret must not follow the destination to it.
        await form.Locator("#service-url").FillAsync("http://127.0.0.1:1/");
        await form.GetByTestId("save-destination").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("The service URL or account changed: enter the secret access key again.");
        await admin.CaptureAsync("edit-destination-secret-again");

        await form.Locator("#secret").FillAsync(S3Secret);
        await form.GetByTestId("save-destination").ClickAsync();
        await Assertions.Expect(form).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId($"status-{name}")).Not.ToContainTextAsync("SUCCESS");
        admin.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(false, "paused")]
    [InlineData(true, "deleted")]
    public async Task Deleting_an_integration_warns_removes_it_and_confirms(bool deleteLinked, string linkedOutcome)
    {
        var name = $"s3_browser_delete_{linkedOutcome}";
        await using var admin = await shared.OpenAdminSessionAsync(SettingsPath);
        var page = admin.Page;
        await AddS3Async(page, name, $"s3://audit-exports/{name}/");

        // As Sigma's documentation walks it: View credentials > Delete integration.
        await Row(page, name).GetByRole(AriaRole.Button, new() { Name = "View credentials" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete integration", Exact = true }).ClickAsync();
        var form = page.GetByTestId("delete-integration-form");
        await Assertions.Expect(form).ToContainTextAsync("cannot be undone");
        await form.GetByRole(AriaRole.Checkbox, new() { Name = "Delete all linked scheduled exports" }).SetCheckedAsync(deleteLinked);
        await admin.CaptureAsync("delete-integration");
        await form.GetByRole(AriaRole.Button, new() { Name = "Delete integration", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByText($"Integration deleted: {name}")).ToBeVisibleAsync();
        await Assertions.Expect(Row(page, name)).ToHaveCountAsync(0);
        await ExpectInBellAsync(page, "Integration deleted", name);
        var mail = await shared.Mail.WaitForAsync(SharedPortal.AdminEmail, "Integration deleted", name);
        Assert.DoesNotContain("Linked scheduled exports were", mail.Text);
        admin.AssertNoConsoleErrors();
    }

    [Fact]
    public async Task Creating_an_integration_rings_the_bell_and_e_mails_the_admin()
    {
        await using var admin = await shared.OpenAdminSessionAsync(SettingsPath);
        var page = admin.Page;

        await AddS3Async(page, "s3_browser_bell", "s3://audit-exports/browser-bell/");

        await Assertions.Expect(page.GetByTestId("notification-count")).ToBeVisibleAsync();
        await page.GetByTestId("notification-bell").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notification-panel").GetByTestId("notification").First).ToContainTextAsync("s3_browser_bell");
        await admin.CaptureAsync("notification-bell");
        await Assertions.Expect(page.GetByTestId("notification-count")).ToHaveCountAsync(0);
        await page.GetByTestId("notification-bell").ClickAsync();
        var mail = await shared.Mail.WaitForAsync(SharedPortal.AdminEmail, "Storage integration created", "s3_browser_bell");
        Assert.Contains("Connection test: SUCCESS", mail.Text);
        admin.AssertNoConsoleErrors();
    }

    private Task AddS3Async(IPage page, string name, string destination) => IntegrationPages.AddS3Async(page, Peers, name, destination);

    private static ILocator Row(IPage page, string name) => IntegrationPages.Row(page, name);

    private static async Task ExpectInBellAsync(IPage page, string title, string mentioning)
    {
        await page.GetByTestId("notification-bell").ClickAsync();
        var panel = page.GetByTestId("notification-panel");
        await Assertions.Expect(panel.GetByTestId("notification").Filter(new() { HasText = title }).Filter(new() { HasText = mentioning }).First).ToBeVisibleAsync();
        await page.GetByTestId("notification-bell").ClickAsync();
    }
}
