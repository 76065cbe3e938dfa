using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Ingestion;

namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

/// <summary>Examples/altr-events.ndjson: ALTR query, system and custom audits as an NDJSON batch.</summary>
public class AltrExampleTests
{
    private static async Task<AuditParseResult> ParseExampleAsync()
    {
        await using var body = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Examples", "altr-events.ndjson"));
        return await new AuditEventParser().ParseAsync(body, "application/x-ndjson");
    }

    [Fact]
    public async Task The_altr_example_gives_one_event_per_complete_line_with_its_kind()
    {
        var result = await ParseExampleAsync();

        Assert.Equal(["query", "query", "system", "custom"], result.Events.Select(e => e.Category));
        Assert.All(result.Events, e => Assert.Equal("altr", e.Family));
    }

    [Fact]
    public async Task The_altr_example_line_without_eventTime_is_rejected_with_its_line_and_id()
    {
        var result = await ParseExampleAsync();

        var rejection = Assert.Single(result.Rejections);
        Assert.Equal("line 6: eventTime is missing", rejection.Message);
        Assert.Equal("4f1c2a7e-8d2b-4c55-9e0a-1b2c3d4e5f64", rejection.EventId);
    }

    [Fact]
    public async Task A_query_blocked_by_a_policy_is_a_failure_on_its_table()
    {
        var e = (await ParseExampleAsync()).Events[1];

        Assert.Equal((AuditEventStatus.Fail, "HR.PAYROLL.EMPLOYEES", 1), (e.Status, e.TargetName, e.Count));
        Assert.Equal(("INTERN_02", "SnowflakeUser"), (e.Login, e.Repository));
    }
}
