using System.Net;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Security;

public sealed class AccessTests(SeededPortalFactory portal) : IClassFixture<SeededPortalFactory>
{
    private const string AuditorEmail = SeededPortalFactory.AuditorEmail;

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/settings")]
    [InlineData("/admin/users")]
    public async Task Unauthenticated_page_requests_redirect_to_sign_in(string path)
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal("/signin", location.AbsolutePath);
        Assert.Contains("ReturnUrl=" + Uri.EscapeDataString(path), location.Query);
    }

    [Fact]
    public async Task Unauthenticated_circuit_negotiation_is_refused()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await client.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/admin/settings")]
    [InlineData("/admin/users")]
    public async Task An_auditor_gets_403_on_every_administration_url(string path)
    {
        var client = portal.CreateBrowserLikeClient();
        var signIn = await PortalFactory.SignInAsync(client, AuditorEmail, PortalFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("403", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/admin/settings", "General Settings")]
    [InlineData("/admin/users", "Users")]
    public async Task An_admin_opens_the_administration_pages(string path, string heading)
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<h1>{heading}</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_auditor_signs_in_and_sees_no_administration_link()
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, AuditorEmail, PortalFactory.Password);

        var home = await client.GetStringAsync("/");

        Assert.Contains(AuditorEmail, home);
        Assert.DoesNotContain("admin/users", home);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await client.GetAsync("/signin");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_session_cookie_is_httponly_lax_and_secure_over_https(bool https)
    {
        var client = portal.CreateBrowserLikeClient(https);

        var response = await PortalFactory.SignInAsync(client, AuditorEmail, PortalFactory.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("AdminPortal.Auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(https, cookie.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("//evil.example/", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("/admin/users", "/admin/users")]
    public async Task Sign_in_returns_only_to_local_urls(string returnUrl, string expected)
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal("localhost", location.Host);
        Assert.Equal(expected, location.PathAndQuery);
    }

    [Fact]
    public async Task Sign_out_needs_the_antiforgery_token()
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, AuditorEmail, PortalFactory.Password);

        var forged = await client.PostAsync("/account/signout", new FormUrlEncodedContent(new Dictionary<string, string>()));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
