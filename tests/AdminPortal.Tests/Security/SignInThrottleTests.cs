using System.Net;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Security;

/// <summary>Per-address throttling of the sign-in and setup posts, in front of the per-account lockout; and the Admin's unlock.</summary>
public sealed class SignInThrottleTests
{
    private const string Proxy = "10.0.0.2";

    private static readonly Dictionary<string, string> ThreePerMinute = new()
    {
        ["ReverseProxy:KnownProxies:0"] = Proxy,
        ["SignIn:AttemptsPerAddress"] = "3",
        ["SignIn:AttemptWindowSeconds"] = "60",
    };

    [Fact]
    public async Task Sign_in_posts_past_the_limit_from_one_address_get_429_with_a_message_while_another_address_still_signs_in()
    {
        await using var portal = new BehindProxyPortalFactory(Proxy, ThreePerMinute);
        var attacker = ClientAt(portal, "203.0.113.7");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PortalFactory.SignInAsync(attacker, "nobody" + i + "@example.test", "Wrong-Password-1")).StatusCode);
        }

        var refused = await PortalFactory.SignInAsync(attacker, PortalFactory.AdminEmail, PortalFactory.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
        Assert.Contains("too many sign-in attempts", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/signin")).StatusCode);
        var colleague = ClientAt(portal, "198.51.100.20");
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(colleague, PortalFactory.AdminEmail, PortalFactory.Password)).StatusCode);
    }

    [Fact]
    public async Task Setup_posts_past_the_limit_get_429()
    {
        await using var portal = new BehindProxyPortalFactory(Proxy, new Dictionary<string, string>(ThreePerMinute) { ["Bootstrap:AdminEmail"] = "", ["Bootstrap:AdminPassword"] = "" });
        var client = ClientAt(portal, "203.0.113.9");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var page = await client.GetStringAsync("/setup");
            statuses.Add((await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "setup",
                ["__RequestVerificationToken"] = PortalFactory.AntiforgeryToken(page),
                ["Input.SetupToken"] = "0000000-guess-" + i,
                ["Input.Email"] = "first@example.test",
                ["Input.Password"] = "Setup-Password-42",
                ["Input.ConfirmPassword"] = "Setup-Password-42",
            }))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static HttpClient ClientAt(PortalFactory portal, string address)
    {
        var client = portal.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }
}
