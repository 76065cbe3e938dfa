using AdminPortal.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace AdminPortal.BrowserTests;

[Collection(PortalCollection.Name)]
public sealed class ExplorerTests(SharedPortal shared)
{
    [Fact]
    public async Task Probe()
    {
        await using var admin = await shared.OpenAdminSessionAsync("/audit-logs?range=30d");
        await Task.Delay(4000);
        await admin.CaptureAsync("explorer");
        Console.WriteLine("URL: " + admin.Page.Url);
        Console.WriteLine(string.Join("\n", shared.Portal.Output.Split("\n").Where(l => l.Contains("DEBUG"))));
        await File.WriteAllTextAsync("/tmp/explorer.html", await admin.Page.ContentAsync());
    }
}
