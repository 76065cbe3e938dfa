using System.Text;
using AdminPortal.Core.AuditLogs.Collection;
using AdminPortal.Core.AuditLogs.Ingestion;
using AdminPortal.Core.Tests.AuditLogs.Ingestion;

namespace AdminPortal.Core.Tests.AuditLogs.Collection;

/// <summary>CSV collection meets the ingestion rules, and what it reports stays small whatever the files hold.</summary>
public class CsvCollectionLimitsTests
{
    private const string Properties = """
        eventid;message;category;subcategory;1;2
        100;Signed in;Logon;Interactive;User;Domain
        """;

    private const string Mapping = "eventid;datasource;family;date;login;repository;code;codelabel;action\n" +
        @"100;{host};directory;{timestamp};{param.Domain}\{param.User};{param.Domain};{eventid};{message};login";

    private static Task<CsvCollectionResult> CollectAsync(string raw, string mapping = Mapping) =>
        new CsvCollector(IngestionRulesTests.Rules()).CollectAsync(new CsvCollectionInput(
            Stream(raw), Stream(Properties), Stream(mapping), "srv1/app.csv"));

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task A_row_dated_after_the_allowed_future_skew_is_rejected_naming_the_mapped_column()
    {
        var result = await CollectAsync("""
            timestamp,eventid,host,properties
            2026-11-20 08:00:00,100,srv1,User=ann|Domain=ACME
            9999-12-31 00:00:00,100,srv1,User=bob|Domain=ACME
            1969-07-20 20:17:00,100,srv1,User=neil|Domain=NASA
            """);

        Assert.Single(result.Events);
        Assert.Equal(
        [
            "line 3: date 9999-12-31T00:00:00Z is more than 24 hours in the future (Ingestion:MaxFutureHours)",
            "line 4: date 1969-07-20T20:17:00Z is before 1970-01-01T00:00:00Z",
        ], result.Rejections.Select(r => r.Message));
    }

    [Fact]
    public async Task A_row_mapped_to_the_portals_own_source_is_rejected()
    {
        var result = await CollectAsync("""
            timestamp,eventid,host,properties
            2026-11-20 08:00:00,100,srv1,User=ann|Domain=ACME
            2026-11-20 08:00:01,100,AdminPortal,User=bob|Domain=ACME
            """);

        Assert.Single(result.Events);
        Assert.Equal("line 3: datasource 'AdminPortal' is reserved for the portal's own audit events", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task A_row_with_a_raw_NUL_byte_in_a_mapped_field_is_rejected()
    {
        var result = await CollectAsync(
            "timestamp,eventid,host,properties\n" +
            "2026-11-20 08:00:00,100,srv1,User=ann|Domain=ACME\n" +
            "2026-11-20 08:00:01,100,srv1,User=b\0b|Domain=ACME\n" +
            "2026-11-20 08:00:02,100,srv1,User=cy|Domain=ACME\n");

        Assert.Equal(2, result.Events.Count);
        Assert.Equal("line 3: login contains a NUL character (U+0000), which audit events may not hold", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task Only_the_first_thousand_rejected_rows_are_listed_and_all_are_counted()
    {
        var raw = "timestamp,eventid,host,properties\n" + string.Concat(Enumerable.Range(0, 1500).Select(i => $"2026-11-20 08:00:00,999,srv{i},\n"));

        var result = await CollectAsync(raw);

        Assert.Equal(1000, result.Rejections.Count);
        Assert.Equal(1500, result.RejectedCount);
        Assert.Equal("line 2: no mapping for event id 999", result.Rejections[0].Message);
    }

    [Fact]
    public async Task A_rejection_quoting_a_huge_cell_is_cut()
    {
        var raw = "timestamp,eventid,host,properties\n2026-11-20 08:00:00," + new string('9', 500_000) + ",srv1,\n";

        var result = await CollectAsync(raw);

        var reason = Assert.Single(result.Rejections).Reason;
        Assert.InRange(reason.Length, 1, CsvCollectionResult.MaxReasonLength);
        Assert.StartsWith("no mapping for event id 999", reason);
    }

    [Fact]
    public async Task A_row_over_one_megabyte_is_rejected_rather_than_stored_as_raw_json()
    {
        var raw = "timestamp,eventid,host,properties,notes\n2026-11-20 08:00:00,100,srv1,User=ann|Domain=ACME," + new string('n', 1_100_000) + "\n" +
            "2026-11-20 08:00:01,100,srv1,User=bob|Domain=ACME,short\n";

        var result = await CollectAsync(raw);

        Assert.Single(result.Events);
        Assert.Equal("line 2: the row is longer than 1 MB", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task A_refusal_that_lists_a_huge_header_is_cut()
    {
        var raw = "timestamp," + string.Join(",", Enumerable.Range(0, 100_000).Select(i => $"column{i}")) + "\n";

        var result = await CollectAsync(raw);

        Assert.NotNull(result.Refusal);
        Assert.StartsWith("the header has no 'eventid' column (its columns: timestamp, column0", result.Refusal.Reason);
        Assert.InRange(result.Refusal.Reason.Length, 1, CsvCollectionResult.MaxReasonLength);
    }
}
