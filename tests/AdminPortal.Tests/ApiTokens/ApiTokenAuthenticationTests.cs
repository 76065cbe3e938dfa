using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.ApiTokens;

/// <summary>API tokens through the real pipeline: the ApiToken scheme, the scope policies and /api/tokens.</summary>
public sealed class ApiTokenAuthenticationTests(ApiTokenAuthenticationTests.Portal portal) : IClassFixture<ApiTokenAuthenticationTests.Portal>
{
    /// <summary>A portal on a clock the tests move forward.</summary>
    public sealed class Portal : PortalFactory
    {
        public ShiftedClock Clock { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }

    private static StringContent Event(string id) => new(
        $$"""{"eventId":"{{id}}","eventTime":"2026-11-20T10:00:00Z","datasource":"snowflake","family":"database","login":"alice@corp.example","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success"}""",
        Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    [Fact]
    public async Task A_token_created_through_the_api_ingests_until_it_is_revoked_then_gets_401_saying_so()
    {
        var admin = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);
        var created = await admin.PostAsJsonAsync("/api/tokens", new { name = "sender", scopes = new[] { ApiScopes.AuditIngest }, expiresAtUtc = (DateTime?)null });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        Assert.Matches("^apt_[A-Za-z0-9_-]{43}$", token);
        Assert.Equal([ApiScopes.AuditIngest], body.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        var sender = portal.ApiClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await sender.PostAsync("/api/audit-events", Event("tok-use-1"))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tokens/{body.GetProperty("id").GetInt32()}")).StatusCode);

        var refused = await sender.PostAsync("/api/audit-events", Event("tok-use-2"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var problem = await ProblemAsync(refused);
        Assert.Equal("The token has been revoked.", problem.GetProperty("detail").GetString());
        Assert.DoesNotContain(token[4..], problem.GetRawText());
    }

    [Fact]
    public async Task A_token_without_the_scope_gets_403_problem_details_naming_the_scope()
    {
        var reader = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.AuditRead);

        var response = await reader.PostAsync("/api/audit-events", Event("tok-noscope-1"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This token lacks the scope audit:ingest.", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData(null, "Send an API token")]
    [InlineData("apt_unknown0000000000000000000000000000000000", "The token is unknown.")]
    [InlineData("not-a-token", "The token is unknown.")]
    public async Task Without_a_known_token_the_api_answers_401_problem_details_saying_why(string? token, string detail)
    {
        var client = token is null ? portal.CreateClient() : portal.ApiClientWithToken(token);

        var response = await client.GetAsync("/api/tokens");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.StartsWith(detail, problem.GetProperty("detail").GetString());
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal(token is null ? "Bearer realm=\"AdminPortal\"" : "Bearer realm=\"AdminPortal\", error=\"invalid_token\"",
            response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task An_expired_token_gets_401_saying_it_has_expired()
    {
        var email = "expiring@example.test";
        await portal.EnsureUserAsync(email, PortalRoles.Admin);
        var token = await portal.ApiTokenAsync(email, [ApiScopes.Admin], portal.Clock.GetUtcNow().UtcDateTime.AddDays(30));
        var client = portal.ApiClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tokens")).StatusCode);

        portal.Clock.Advance(TimeSpan.FromDays(31));
        try
        {
            var response = await client.GetAsync("/api/tokens");

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("The token has expired.", (await ProblemAsync(response)).GetProperty("detail").GetString());
        }
        finally
        {
            portal.Clock.Advance(TimeSpan.FromDays(-31));
        }
    }

    [Fact]
    public async Task A_disabled_users_token_gets_401()
    {
        var email = "disabled.api@example.test";
        await portal.EnsureUserAsync(email, PortalRoles.Admin);
        var client = portal.ApiClientWithToken(await portal.ApiTokenAsync(email, [ApiScopes.Admin]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tokens")).StatusCode);

        var administration = portal.Services.GetRequiredService<UserAdministration>();
        var id = (await administration.ListAsync(Principals.Admin())).Single(u => u.Email == email).Id;
        Assert.True((await administration.SetDisabledAsync(Principals.Admin(), id, true)).Succeeded);

        var response = await client.GetAsync("/api/tokens");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The token's user is disabled or no longer exists.", (await ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_demoted_admins_token_loses_the_admin_scope_at_once()
    {
        var email = "demoted.api@example.test";
        await portal.EnsureUserAsync(email, PortalRoles.Admin);
        var client = portal.ApiClientWithToken(await portal.ApiTokenAsync(email, [ApiScopes.Admin, ApiScopes.AuditIngest]));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tokens")).StatusCode);

        await portal.RemoveRoleAsync(email, PortalRoles.Admin);
        await portal.AddRoleAsync(email, PortalRoles.Auditor);

        var response = await client.GetAsync("/api/tokens");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This token lacks the scope admin.", (await ProblemAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/audit-events", Event("tok-demoted-1"))).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_cookie_does_not_open_the_token_api()
    {
        var client = portal.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api-tokens")).StatusCode);

        var response = await client.GetAsync("/api/tokens");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await ProblemAsync(response);
    }

    [Fact]
    public async Task A_token_does_not_open_a_page()
    {
        var client = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);

        var response = await client.GetAsync("/api-tokens");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/signin", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Last_use_is_recorded_and_written_at_most_once_a_minute()
    {
        var email = "last.used@example.test";
        await portal.EnsureUserAsync(email, PortalRoles.Admin);
        var client = portal.ApiClientWithToken(await portal.ApiTokenAsync(email, [ApiScopes.Admin]));
        var list = portal.Services.GetRequiredService<ListApiTokens>();
        async Task<DateTime?> LastUsedAsync() => (await list.HandleAsync(Principals.Admin(email))).Single().LastUsedAtUtc;
        Assert.Null(await LastUsedAsync());

        await client.GetAsync("/api/tokens");
        var first = await LastUsedAsync();
        Assert.NotNull(first);
        portal.Clock.Advance(TimeSpan.FromSeconds(30));
        await client.GetAsync("/api/tokens");
        Assert.Equal(first, await LastUsedAsync());
        portal.Clock.Advance(TimeSpan.FromSeconds(40));
        await client.GetAsync("/api/tokens");

        Assert.True(await LastUsedAsync() >= first!.Value.AddSeconds(70));
    }

    [Fact]
    public async Task Bad_input_to_create_gets_400_with_the_use_cases_messages_by_field()
    {
        var admin = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);

        var response = await admin.PostAsJsonAsync("/api/tokens", new
        {
            name = "",
            scopes = new[] { "audit:everything" },
            expiresAtUtc = portal.Clock.GetUtcNow().UtcDateTime.AddDays(-1),
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ProblemAsync(response)).GetProperty("errors");
        Assert.Contains("Name the token", errors.GetProperty("name")[0].GetString());
        Assert.Equal("Unknown scope \"audit:everything\": the scopes are audit:ingest, audit:read, exports:write, admin.", errors.GetProperty("scopes")[0].GetString());
        Assert.Contains("in the past", errors.GetProperty("expiresAtUtc")[0].GetString());
    }

    [Fact]
    public async Task A_token_created_with_an_expiring_token_expires_no_later_than_it()
    {
        var email = ApiClients.ApiUserEmail(PortalRoles.Admin);
        await portal.EnsureUserAsync(email, PortalRoles.Admin);
        var now = portal.Clock.GetUtcNow().UtcDateTime;
        var caller = portal.ApiClientWithToken(await portal.ApiTokenAsync(email, [ApiScopes.Admin], now.AddDays(7)));

        var forever = await caller.PostAsJsonAsync("/api/tokens", new { name = "lasting", scopes = new[] { ApiScopes.Admin }, expiresAtUtc = (DateTime?)null });
        var later = await caller.PostAsJsonAsync("/api/tokens", new { name = "later", scopes = new[] { ApiScopes.Admin }, expiresAtUtc = now.AddDays(30) });
        var within = await caller.PostAsJsonAsync("/api/tokens", new { name = "within", scopes = new[] { ApiScopes.AuditRead }, expiresAtUtc = now.AddDays(3) });

        Assert.Equal(HttpStatusCode.BadRequest, forever.StatusCode);
        Assert.Contains("expires no later than it", (await ProblemAsync(forever)).GetProperty("errors").GetProperty("expiresAtUtc")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, later.StatusCode);
        Assert.Equal(HttpStatusCode.Created, within.StatusCode);
        var names = (await (await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin)).GetFromJsonAsync<JsonElement>("/api/tokens"))
            .EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.DoesNotContain("lasting", names);
        Assert.DoesNotContain("later", names);
    }

    [Fact]
    public async Task An_admin_lists_everyones_tokens_and_revokes_an_auditors_which_is_audited_in_the_admins_name()
    {
        var auditorEmail = ApiClients.ApiUserEmail(PortalRoles.Auditor);
        await portal.EnsureUserAsync(auditorEmail, PortalRoles.Auditor);
        var auditorToken = await portal.ApiTokenAsync(auditorEmail, [ApiScopes.AuditRead]);
        var admin = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);
        var own = await admin.GetFromJsonAsync<JsonElement>("/api/tokens");
        Assert.DoesNotContain(own.EnumerateArray(), t => t.GetProperty("ownerEmail").GetString() == auditorEmail);

        var all = await admin.GetFromJsonAsync<JsonElement>("/api/tokens?all=true");
        var listed = all.EnumerateArray().Single(t => auditorToken.StartsWith(t.GetProperty("prefix").GetString()!, StringComparison.Ordinal));
        Assert.Equal(auditorEmail, listed.GetProperty("ownerEmail").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tokens/{listed.GetProperty("id").GetInt32()}")).StatusCode);

        var revoked = (await portal.SecurityEventsAsync(listed.GetProperty("name").GetString())).Single(e => e.Kind == SecurityEventKind.ApiTokenRevoked);
        Assert.Equal(ApiClients.ApiUserEmail(PortalRoles.Admin), revoked.ActorEmail);
        var created = (await portal.SecurityEventsAsync(listed.GetProperty("name").GetString())).Single(e => e.Kind == SecurityEventKind.ApiTokenCreated);
        Assert.Equal(auditorEmail, created.ActorEmail);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync("/api/tokens/999999")).StatusCode);
    }
}
