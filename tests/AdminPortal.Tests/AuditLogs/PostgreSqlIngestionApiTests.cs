using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AdminPortal.Core.AuditLogs.Explorer;
using AdminPortal.Core.AuditLogs.SearchIndex;
using AdminPortal.Core.Data;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.AuditLogs;

public sealed class PostgreSqlIngestionApiTests(PostgreSqlIngestionApiTests.PostgreSqlPortal portal) : IngestionApiTests(portal), IClassFixture<PostgreSqlIngestionApiTests.PostgreSqlPortal>
{
    public sealed class PostgreSqlPortal() : Portal(DatabaseProvider.PostgreSQL);

    [Fact]
    public async Task Events_ingested_are_found_by_free_text_and_the_portals_indexer_fills_their_search_vectors_soon_after()
    {
        var client = portal.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await portal.NewTokenAsync());
        var lines = string.Join("\n", Enumerable.Range(0, 3).Select(i =>
            $$"""{"eventId":"vec-{{i}}","eventTime":"2026-11-20T10:0{{i}}:00Z","datasource":"snowflake","family":"database","login":"quokka{{i}}@corp.example","repository":"sf-prod","code":"QUERY","codeLabel":"Query executed","action":"select","status":"success","targetType":"asset","targetName":"SALES.ORDERS"}"""));

        using var response = await client.PostAsync("/api/audit-events", new StringContent(lines, Encoding.UTF8, "application/x-ndjson"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var queries = portal.Services.GetRequiredService<IAuditEventQueries>();
        Assert.Equal(3, (await queries.PageAsync(new AuditQuery { Search = "quokka" })).Total);
        var indexer = portal.Services.GetRequiredService<PostgreSqlAuditSearchIndexer>();
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await indexer.PendingAsync() > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(0, await indexer.PendingAsync());
        Assert.Equal(3, (await queries.PageAsync(new AuditQuery { Search = "quokka" })).Total);
    }
}
