using System.Net;
using AdminPortal.Core.Security;
using AdminPortal.Core.Setup;
using AdminPortal.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Setup;

public sealed class FirstRunSetupTests : IDisposable
{
    private readonly FreshPortalFactory portal = new();

    [Fact]
    public async Task With_no_user_the_sign_in_page_points_to_setup()
    {
        var client = portal.CreateBrowserLikeClient();

        var page = await client.GetStringAsync("/signin");

        Assert.Contains($"href=\"{AdminPortal.Web.PortalUrls.Setup}\"", page);
    }

    [Fact]
    public async Task The_setup_page_refuses_a_wrong_token_and_creates_nobody()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await PostSetupAsync(client, "0000-WRONG-TOKEN", "first@example.test", "Strong-Password-9");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("not the one the portal printed", await response.Content.ReadAsStringAsync());
        Assert.True(await portal.Services.GetRequiredService<FirstRunSetup>().IsOpenAsync());
    }

    [Fact]
    public async Task The_setup_page_refuses_a_missing_token()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await PostSetupAsync(client, "", "first@example.test", "Strong-Password-9");

        Assert.Contains("Enter the setup token", await response.Content.ReadAsStringAsync());
        Assert.True(await portal.Services.GetRequiredService<FirstRunSetup>().IsOpenAsync());
    }

    [Theory]
    [InlineData("", "Strong-Password-9", "Enter an e-mail address.")]
    [InlineData("not-an-address", "Strong-Password-9", "Enter an e-mail address like name@example.com.")]
    [InlineData("first@example.test", "short", "Passwords must be at least 12 characters.")]
    public async Task The_setup_page_explains_bad_input(string email, string password, string message)
    {
        var client = portal.CreateBrowserLikeClient();
        var token = portal.Services.GetRequiredService<FirstRunSetup>().Token!;

        var response = await PostSetupAsync(client, token, email, password);

        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.True(await portal.Services.GetRequiredService<FirstRunSetup>().IsOpenAsync());
    }

    [Fact]
    public async Task The_setup_page_reports_every_error_at_once()
    {
        var client = portal.CreateBrowserLikeClient();

        var response = await PostSetupAsync(client, "0000-WRONG-TOKEN", "not-an-address", "short", confirm: "other");

        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("That setup token is not the one the portal printed at start.", page);
        Assert.Contains("Enter an e-mail address like name@example.com.", page);
        Assert.Contains("Passwords must be at least 12 characters.", page);
        Assert.Contains("The two passwords differ.", page);
        Assert.True(await portal.Services.GetRequiredService<FirstRunSetup>().IsOpenAsync());
    }

    [Fact]
    public async Task The_right_token_creates_the_first_admin_signs_it_in_and_then_the_setup_page_is_gone()
    {
        var client = portal.CreateBrowserLikeClient();
        var token = portal.Services.GetRequiredService<FirstRunSetup>().Token!;

        var response = await PostSetupAsync(client, token, "first@example.test", "Strong-Password-9");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(AdminPortal.Web.PortalUrls.Overview, response.Headers.Location?.OriginalString);
        // Signed in by the setup itself: no sign-in form in between.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostSetupAsync(client, token, "second@example.test", "Strong-Password-9", fetchForm: false)).StatusCode);
        var events = await portal.SecurityEventsAsync("first@example.test");
        Assert.Contains(events, e => e.Kind == SecurityEventKind.SetupCompleted && e.Success);
        Assert.Contains(events, e => e.Kind == SecurityEventKind.SignIn && e.Success);
    }

    private static async Task<HttpResponseMessage> PostSetupAsync(HttpClient client, string token, string email, string password, bool fetchForm = true,
        string? confirm = null)
    {
        var antiforgery = fetchForm ? PortalFactory.AntiforgeryToken(await client.GetStringAsync("/setup")) : "none";
        return await client.PostAsync("/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = antiforgery,
            ["Input.SetupToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = confirm ?? password,
        }));
    }

    public void Dispose() => portal.Dispose();
}

public sealed class BootstrapTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Bootstrap_settings_create_the_first_admin_and_close_setup()
    {
        var setup = portal.Services.GetRequiredService<FirstRunSetup>();

        Assert.False(await setup.IsOpenAsync());
        Assert.Null(setup.Token);
        var client = portal.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup")).StatusCode);
    }
}
