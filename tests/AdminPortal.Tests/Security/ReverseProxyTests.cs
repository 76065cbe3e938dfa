using System.Net;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using AdminPortal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Security;

/// <summary>Behind a TLS proxy: the client's scheme and address come from X-Forwarded-*, but only when the proxy is a known one.</summary>
public sealed class ReverseProxyTests
{
    private const string Proxy = "10.0.0.2";
    private const string Client = "203.0.113.7";

    [Fact]
    public async Task Behind_a_known_proxy_an_https_sign_in_gets_a_secure_cookie_hsts_and_the_clients_address_in_the_audit()
    {
        await using var portal = new BehindProxyPortalFactory(Proxy, new Dictionary<string, string> { ["ReverseProxy:KnownProxies:0"] = Proxy });

        var response = await SignInThroughProxyAsync(portal);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("secure", AuthSetCookie(response), StringComparison.OrdinalIgnoreCase);
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(Client, await SignInAddressAsync(portal));
    }

    [Fact]
    public async Task Within_a_known_network_the_proxy_is_believed_too()
    {
        await using var portal = new BehindProxyPortalFactory(Proxy, new Dictionary<string, string> { ["ReverseProxy:KnownNetworks:0"] = "10.0.0.0/24" });

        await SignInThroughProxyAsync(portal);

        Assert.Equal(Client, await SignInAddressAsync(portal));
    }

    [Fact]
    public async Task Without_a_configured_proxy_forwarded_headers_are_ignored_even_from_loopback()
    {
        await using var portal = new BehindProxyPortalFactory("127.0.0.1", new Dictionary<string, string>());

        var response = await SignInThroughProxyAsync(portal);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("secure", AuthSetCookie(response), StringComparison.OrdinalIgnoreCase);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("127.0.0.1", await SignInAddressAsync(portal));
    }

    [Fact]
    public void A_proxy_setting_that_is_not_an_address_stops_the_start_with_its_name()
    {
        using var portal = new BehindProxyPortalFactory(Proxy, new Dictionary<string, string> { ["ReverseProxy:KnownNetworks:0"] = "10.0.0.0/99" });

        var error = Assert.ThrowsAny<Exception>(() => portal.CreateClient());

        Assert.Contains("ReverseProxy:KnownNetworks", error.ToString());
    }

    /// <summary>
    /// The sign-in form, loaded and posted as the proxy forwards them: plain http from the proxy, with X-Forwarded-*.
    /// Cookies are carried by hand, as a browser at https://portal.example.com would send its (Secure) cookies.
    /// </summary>
    private static async Task<HttpResponseMessage> SignInThroughProxyAsync(PortalFactory portal)
    {
        var client = portal.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Host = "portal.example.com";
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        client.DefaultRequestHeaders.Add("X-Forwarded-For", Client);
        var form = await client.GetAsync("/signin");
        var antiforgeryCookie = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("AdminPortal.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "signin",
                ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
                ["Input.Email"] = PortalFactory.AdminEmail,
                ["Input.Password"] = PortalFactory.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        return await client.SendAsync(post);
    }

    private static string AuthSetCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("AdminPortal.Auth", StringComparison.Ordinal));

    private static async Task<string?> SignInAddressAsync(PortalFactory portal)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking()
            .Where(e => e.Family == PortalAuditLog.Family && e.Code == nameof(SecurityEventKind.SignIn))
            .Select(e => e.WhereSource).SingleAsync();
    }
}
