using System.Net;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Tests.Api;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Tests.ApiTokens;

/// <summary>A refused token is visible to whoever watches the portal's log: a warning naming its prefix and why, never the token.</summary>
public sealed class ApiTokenRefusalLogTests : IDisposable
{
    private readonly LoggedPortal portal = new();

    private RecordingLoggerProvider logs => portal.Logs;

    /// <summary>A portal whose log lines the test reads.</summary>
    private sealed class LoggedPortal : PortalFactory
    {
        public RecordingLoggerProvider Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(l => l.AddProvider(Logs));
        }
    }

    private HttpClient Client(string token) => portal.ApiClientWithToken(token);

    [Fact]
    public async Task A_revoked_or_unknown_token_is_logged_as_a_warning_with_its_prefix_and_reason_but_never_whole()
    {
        await portal.EnsureUserAsync(ApiClients.ApiUserEmail(PortalRoles.Admin), PortalRoles.Admin);
        var revoked = await portal.ApiTokenAsync(ApiClients.ApiUserEmail(PortalRoles.Admin), [ApiScopes.AuditRead]);
        var admin = await portal.ApiClientAsync(PortalRoles.Admin, ApiScopes.Admin);
        var id = (await (await admin.GetAsync("/api/tokens")).JsonAsync(HttpStatusCode.OK)).EnumerateArray()
            .Single(t => t.GetProperty("prefix").GetString() == ApiTokenSecret.PrefixOf(revoked)).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tokens/{id}")).StatusCode);
        var unknown = ApiTokenSecret.New();

        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(revoked).GetAsync("/api/workbooks")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Client(unknown).GetAsync("/api/workbooks")).StatusCode);

        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Contains(warnings, m => m.Contains(ApiTokenSecret.PrefixOf(revoked), StringComparison.Ordinal) && m.Contains("revoked", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.Contains(ApiTokenSecret.PrefixOf(unknown), StringComparison.Ordinal) && m.Contains("unknown", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(revoked[ApiTokenSecret.ShownLength..], StringComparison.Ordinal)
                                                 || e.Message.Contains(unknown[ApiTokenSecret.ShownLength..], StringComparison.Ordinal));
    }

    public void Dispose() => portal.Dispose();
}
