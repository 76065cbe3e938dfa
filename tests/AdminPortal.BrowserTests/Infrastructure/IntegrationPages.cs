using System.Text.RegularExpressions;
using AdminPortal.CloudStorage.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests.Infrastructure;

/// <summary>Adds storage integrations as an Admin does, on General Settings &gt; Audit Logging, pointed at the emulators.</summary>
public static class IntegrationPages
{
    public const string SettingsPath = "/admin/settings?tab=audit-logging";
    public const string S3Secret = "browser-secret-never-shown-9Kq";

    public static Task AddS3Async(IPage page, StoragePeers peers, string name, string destination) =>
        AddAsync(page, name, "cloud-aws", destination, peers.S3Url.ToString(), async form =>
        {
            await form.GetByTestId("method-AwsAccessKey").CheckAsync();
            await form.GetByRole(AriaRole.Checkbox, new() { Name = "Path-style addressing" }).CheckAsync();
            await form.Locator("#access-key-id").FillAsync(StoragePeers.S3AccessKeyId);
            await form.Locator("#secret").FillAsync(S3Secret);
        });

    public static Task AddAzureAsync(IPage page, StoragePeers peers, string name, string destination) =>
        AddAsync(page, name, "cloud-azure", destination, $"{peers.AzureUrl}{StoragePeers.AzureAccount}", async form =>
        {
            await form.GetByTestId("method-AzureAccountKey").CheckAsync();
            await form.Locator("#secret").FillAsync(StoragePeers.AzureAccountKey);
        });

    public static Task AddGcsAsync(IPage page, StoragePeers peers, string name, string destination) =>
        AddAsync(page, name, "cloud-gcp", destination, peers.GcsUrl.ToString(), _ => Task.CompletedTask);

    /// <summary>Add, the cloud, the name and destination, the emulator's endpoint, the method's fields, Create; waits for the row.</summary>
    public static async Task AddAsync(IPage page, string name, string cloud, string destination, string serviceUrl, Func<ILocator, Task> methodFields)
    {
        await page.GetByTestId("add-integration").ClickAsync();
        var form = page.GetByTestId("add-integration-form");
        await form.GetByTestId(cloud).CheckAsync();
        // Choosing the cloud proposes its next free name: typed before that render lands, a name is overwritten by it.
        var stem = cloud switch { "cloud-aws" => "s3_", "cloud-azure" => "azure_", _ => "gcs_" };
        await Assertions.Expect(form.Locator("#integration-name")).ToHaveValueAsync(new Regex("^" + stem));
        await form.Locator("#integration-name").FillAsync(name);
        await form.Locator("#destination").FillAsync(destination);
        await form.GetByText("Self-hosted or emulator endpoint").ClickAsync();
        await form.Locator("#service-url").FillAsync(serviceUrl);
        await methodFields(form);
        await form.GetByTestId("create-integration").ClickAsync();
        await Assertions.Expect(form).ToHaveCountAsync(0);
        await Assertions.Expect(Row(page, name)).ToHaveCountAsync(1);
    }

    /// <summary>An S3 client on s3rver, for a test that makes or removes a bucket behind the portal's back.</summary>
    public static Amazon.S3.AmazonS3Client S3Client(StoragePeers peers) =>
        new(new Amazon.Runtime.BasicAWSCredentials(StoragePeers.S3AccessKeyId, "x"),
            new Amazon.S3.AmazonS3Config { ServiceURL = peers.S3Url.ToString(), ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    public static ILocator Row(IPage page, string name) =>
        page.GetByTestId("integrations-grid").Locator("tr", new() { Has = page.GetByTestId($"actions-{name}") });
}
