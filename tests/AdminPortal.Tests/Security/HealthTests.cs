using System.Net;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Security;

public sealed class HealthTests : IDisposable
{
    private readonly PortalFactory portal = new();

    [Fact]
    public async Task Healthz_answers_200_without_signing_in_while_the_database_answers()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_database_is_gone()
    {
        var client = portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        File.Delete(portal.DatabasePath);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task Healthz_answers_503_when_the_file_is_not_a_database()
    {
        var client = portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        foreach (var file in Directory.GetFiles(portal.DataFolder, "portal.db*"))
        {
            File.Delete(file);
        }

        await File.WriteAllBytesAsync(portal.DatabasePath, Enumerable.Repeat((byte)'x', 8192).ToArray());

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/healthz")).StatusCode);
    }

    public void Dispose() => portal.Dispose();
}
