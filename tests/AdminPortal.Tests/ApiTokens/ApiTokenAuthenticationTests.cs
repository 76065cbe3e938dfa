using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AdminPortal.Core.ApiTokens;
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
}
