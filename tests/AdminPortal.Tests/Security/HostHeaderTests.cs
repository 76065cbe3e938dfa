using System.Net;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Security;

/// <summary>A forged Host header never comes back in a redirect: redirects within the portal are paths.</summary>
public sealed class HostHeaderTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const string ForgedHost = "evil.example";

    [Fact]
    public async Task The_redirect_to_sign_in_never_names_a_forged_host()
    {
        var client = portal.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Host = ForgedHost;

        var response = await client.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(ForgedHost, response.Headers.Location!.OriginalString);
        Assert.StartsWith("/signin?ReturnUrl=", response.Headers.Location.OriginalString);
    }

    [Fact]
    public async Task The_redirect_after_sign_in_never_names_a_forged_host()
    {
        var client = portal.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Host = ForgedHost;

        var response = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password, "/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/users", response.Headers.Location!.OriginalString);
    }
}
