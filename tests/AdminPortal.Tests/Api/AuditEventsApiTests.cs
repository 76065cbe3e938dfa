using System.Net;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Users;
using AdminPortal.Tests.Infrastructure;

namespace AdminPortal.Tests.Api;

/// <summary>GET /api/audit-events: the explorer's search with an audit:read token.</summary>
[Collection(ApiCollection.Name)]
public sealed class AuditEventsApiTests(ApiPortal portal)
{
    [Fact]
    public async Task An_auditors_read_token_finds_the_events_of_a_time_window_newest_first()
    {
        var ids = await portal.StoreEventsAsync("apisearch", 12, new DateTime(2020, 3, 1, 10, 0, 0, DateTimeKind.Utc), TimeSpan.FromMinutes(55));
        var api = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.AuditRead);

        var page = await (await api.GetAsync("/api/audit-events?from=2020-03-01T10:00:00Z&to=2020-03-01T11:00:00Z&take=5")).JsonAsync(HttpStatusCode.OK);

        Assert.Equal(12, page.GetProperty("total").GetInt64());
        Assert.Equal(ids.AsEnumerable().Reverse().Take(5), page.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("eventId").GetString()));
    }

    [Fact]
    public async Task An_unknown_range_answers_400_with_the_explorers_message_and_a_write_only_token_403()
    {
        var reader = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.AuditRead);
        var writer = await portal.ApiClientAsync(PortalRoles.Auditor, ApiScopes.ExportsWrite);

        var problem = await (await reader.GetAsync("/api/audit-events?range=2d")).ProblemAsync(HttpStatusCode.BadRequest);
        var refused = await (await writer.GetAsync("/api/audit-events")).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("1h, 24h, 7d, 30d", Assert.Single(problem.Errors("range")));
        Assert.Equal("This token lacks the scope audit:read.", refused.GetProperty("detail").GetString());
    }
}
