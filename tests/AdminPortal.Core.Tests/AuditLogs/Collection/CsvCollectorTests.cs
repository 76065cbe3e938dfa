using System.Text;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Collection;

namespace AdminPortal.Core.Tests.AuditLogs.Collection;

public class CsvCollectorTests
{
    private const string Raw = """
        timestamp,eventid,host,properties
        2026-11-20 08:00:00,100,srv1,User=ann|Domain=ACME
        2026-11-20 08:05:00,100,srv1,User=bob|Domain=ACME
        """;

    private const string Properties = """
        eventid;message;category;subcategory;1;2
        100;Signed in;Logon;Interactive;User;Domain
        """;

    private const string MappingHeader = "eventid;datasource;family;date;login;repository;code;codelabel;action";

    private const string MappingRow = @"100;app;directory;{timestamp};{param.Domain}\{param.User};{param.Domain};{eventid};{message};login";

    private static Task<CsvCollectionResult> CollectAsync(
        string raw = Raw, string properties = Properties, string? mapping = null, string fileIdentity = "srv1/app.csv") =>
        new CsvCollector().CollectAsync(new CsvCollectionInput(
            Stream(raw), Stream(properties), Stream(mapping ?? MappingHeader + "\n" + MappingRow), fileIdentity));

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private static string Mapping(string extraHeader, string extraCells) => $"{MappingHeader};{extraHeader}\n{MappingRow};{extraCells}";

    [Fact]
    public async Task Without_an_eventuid_mapping_the_event_id_is_a_sha256_of_file_line_and_row()
    {
        var result = await CollectAsync();

        Assert.Equal(2, result.Events.Count);
        Assert.All(result.Events, e => Assert.Matches("^[0-9a-f]{64}$", e.EventId));
        Assert.NotEqual(result.Events[0].EventId, result.Events[1].EventId);
    }

    [Fact]
    public async Task Collecting_the_same_file_again_gives_the_same_event_ids()
    {
        var first = await CollectAsync();
        var second = await CollectAsync();

        Assert.Equal(first.Events.Select(e => e.EventId), second.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task The_same_rows_in_another_file_get_other_event_ids()
    {
        var first = await CollectAsync(fileIdentity: "srv1/app.csv");
        var other = await CollectAsync(fileIdentity: "srv2/app.csv");

        Assert.Empty(first.Events.Select(e => e.EventId).Intersect(other.Events.Select(e => e.EventId)));
    }

    [Fact]
    public async Task An_eventuid_mapping_gives_the_event_id()
    {
        var result = await CollectAsync(mapping: Mapping("eventuid", "{host}:{param.User}"));

        Assert.Equal(["srv1:ann", "srv1:bob"], result.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task A_second_row_with_the_same_eventuid_is_rejected_as_a_duplicate_of_the_first_line()
    {
        var result = await CollectAsync(mapping: Mapping("eventuid", "{host}"));

        Assert.Equal("srv1", Assert.Single(result.Events).EventId);
        Assert.Equal("line 3: duplicate of line 2 (event id srv1)", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task Count_is_one_when_the_mapping_has_no_count_column()
    {
        var result = await CollectAsync();

        Assert.All(result.Events, e => Assert.Equal(1, e.Count));
    }

    [Fact]
    public async Task A_count_column_that_comes_out_empty_rejects_the_row_as_missing_count()
    {
        var result = await CollectAsync(mapping: Mapping("count", "{param.Times}"));

        Assert.Equal("line 2: count is missing", result.Rejections[0].Message);
    }

    [Fact]
    public async Task A_mapped_count_is_read_as_a_number()
    {
        var result = await CollectAsync(raw: Raw.Replace("Domain=ACME", "Domain=ACME|Times=3"), mapping: Mapping("count", "{param.Times}"));

        Assert.All(result.Events, e => Assert.Equal(3, e.Count));
    }

    [Fact]
    public async Task A_mapped_count_that_is_not_a_number_rejects_the_row_in_the_words_of_ingestion()
    {
        var result = await CollectAsync(mapping: Mapping("count", "{host}"));

        Assert.Equal("line 2: count must be a whole number of at least 1 (got srv1)", result.Rejections[0].Message);
    }

    [Fact]
    public async Task A_date_that_does_not_parse_rejects_the_row_with_the_expected_forms()
    {
        var result = await CollectAsync(raw: Raw.Replace("2026-11-20 08:05:00", "11/31/2026 8am"));

        Assert.Equal(
            "line 3: date '11/31/2026 8am' is not a date (expected ISO-8601, yyyy-MM-dd HH:mm:ss or dd/MM/yyyy HH:mm:ss)",
            Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task A_target_type_outside_the_nine_rejects_the_row()
    {
        var result = await CollectAsync(mapping: Mapping("targetType", "server"));

        Assert.StartsWith("line 2: targetType 'server' is not one of account, identity", result.Rejections[0].Message);
    }

    [Fact]
    public async Task A_status_word_that_means_neither_success_nor_fail_rejects_the_row()
    {
        var result = await CollectAsync(mapping: Mapping("status", "pending"));

        Assert.StartsWith("line 2: status 'pending' is neither a success word", result.Rejections[0].Message);
    }

    [Fact]
    public async Task Data_that_is_json_is_kept_as_json()
    {
        var raw = "timestamp,eventid,host,properties,details\n2026-11-20 08:00:00,100,srv1,User=ann|Domain=ACME,\"{\"\"mfa\"\":true}\"";

        var result = await CollectAsync(raw: raw, mapping: Mapping("data", "{details}"));

        Assert.Equal("{\"mfa\":true}", result.Events[0].DataJson);
    }

    [Fact]
    public async Task Data_that_is_not_json_becomes_a_json_string()
    {
        var result = await CollectAsync(mapping: Mapping("data", "user {param.User}"));

        Assert.Equal("\"user ann\"", result.Events[0].DataJson);
    }

    [Fact]
    public async Task A_cell_whose_placeholders_all_come_out_empty_is_empty_despite_its_static_text()
    {
        var result = await CollectAsync(raw: Raw.Replace("User=ann|Domain=ACME", "Other=1"));

        Assert.Equal("line 2: login, repository are missing", result.Rejections[0].Message);
    }

    [Fact]
    public async Task Custom_attributes_and_spaced_header_names_are_mapped()
    {
        var result = await CollectAsync(mapping: Mapping("Custom 7;target_name", "{host};{param.User}"));

        Assert.Equal(("srv1", "ann"), (result.Events[0].Custom7, result.Events[0].TargetName));
    }

    [Fact]
    public async Task A_raw_row_with_the_wrong_number_of_values_is_rejected_with_its_line_and_the_rest_kept()
    {
        var result = await CollectAsync(raw: Raw.Replace("2026-11-20 08:00:00,100,srv1,", "2026-11-20 08:00:00,100,srv1,extra,"));

        Assert.Equal("line 2: the row does not have as many values as the header has columns", Assert.Single(result.Rejections).Message);
        Assert.Equal("bob", Assert.Single(result.Events).TargetName ?? "bob");
    }

    [Fact]
    public async Task A_raw_log_without_its_event_id_column_refuses_the_collection()
    {
        var result = await CollectAsync(raw: Raw.Replace("timestamp,eventid,", "timestamp,id,"));

        Assert.Equal("raw log, line 1: the header has no 'eventid' column (its columns: timestamp, id, host, properties)", result.Refusal!.Message);
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task A_mapping_cell_with_an_unclosed_placeholder_refuses_the_collection_with_its_line()
    {
        var result = await CollectAsync(mapping: MappingHeader + "\n\n" + MappingRow.Replace("{param.User}", "{param.User"));

        Assert.True(result.IsRefused);
        Assert.Equal(CsvCollectionFile.AttributeMapping, result.Refusal!.File);
        Assert.Equal(3, result.Refusal.Line);
        Assert.StartsWith("attribute mapping file, line 3: login: '{param.Domain}\\{param.User' opens a placeholder", result.Refusal.Message);
        Assert.Empty(result.Events);
        Assert.Empty(result.Rejections);
    }

    [Fact]
    public async Task A_mapping_cell_with_a_brace_that_closes_nothing_refuses_the_collection()
    {
        var result = await CollectAsync(mapping: MappingHeader + "\n" + MappingRow.Replace(";login", ";login}"));

        Assert.Equal("attribute mapping file, line 2: action: 'login}' has a } that closes no placeholder", result.Refusal!.Message);
    }

    [Fact]
    public async Task A_mapping_placeholder_that_names_no_raw_column_refuses_the_collection()
    {
        var result = await CollectAsync(mapping: MappingHeader + "\n" + MappingRow.Replace("{eventid}", "{evntid}"));

        Assert.StartsWith("attribute mapping file, line 2: code: {evntid} is not a column of the raw log (timestamp, eventid, host, properties)", result.Refusal!.Message);
    }

    [Fact]
    public async Task A_mapping_header_with_an_unknown_attribute_refuses_the_collection()
    {
        var result = await CollectAsync(mapping: Mapping("colour", "blue"));

        Assert.StartsWith("attribute mapping file, line 1: 'colour' is not an attribute of the audit schema", result.Refusal!.Message);
    }

    [Fact]
    public async Task A_mapping_header_without_a_mandatory_attribute_refuses_the_collection()
    {
        var result = await CollectAsync(mapping: "eventid;datasource;family;date;code;codelabel;action\n100;a;b;{timestamp};c;d;e");

        Assert.Equal("attribute mapping file, line 1: the header lacks the mandatory attribute(s) login, repository", result.Refusal!.Message);
    }

    [Fact]
    public async Task A_mapping_row_with_more_cells_than_the_header_refuses_the_collection()
    {
        var result = await CollectAsync(mapping: MappingHeader + "\n" + MappingRow + ";surplus");

        Assert.Equal("attribute mapping file, line 2: 10 cells, but the header names 9 attributes", result.Refusal!.Message);
    }

    [Fact]
    public async Task A_mapping_header_that_names_one_attribute_twice_refuses_the_collection()
    {
        var result = await CollectAsync(mapping: Mapping("eventTime", "{timestamp}"));

        Assert.Equal("attribute mapping file, line 1: 'eventTime' is mapped twice", result.Refusal!.Message);
    }

    [Fact]
    public async Task A_mapping_cell_with_an_unterminated_quote_refuses_the_collection_with_its_line()
    {
        var result = await CollectAsync(mapping: $"# comment\n{MappingHeader}\n{MappingRow.Replace(";login", ";\"login")}");

        Assert.Equal((CsvCollectionFile.AttributeMapping, 3), (result.Refusal!.File, result.Refusal.Line));
    }

    [Fact]
    public async Task A_raw_row_with_an_unterminated_quote_is_rejected()
    {
        var result = await CollectAsync(raw: Raw + "\n2026-11-20 08:10:00,100,srv1,\"User=cy|Domain=ACME");

        Assert.Equal(2, result.Events.Count);
        Assert.Equal("line 4: a quoted value is never closed", Assert.Single(result.Rejections).Message);
    }

    [Fact]
    public async Task A_mapping_that_maps_an_event_id_twice_refuses_the_collection()
    {
        var result = await CollectAsync(mapping: MappingHeader + "\n" + MappingRow + "\n" + MappingRow);

        Assert.Equal("attribute mapping file, line 3: event id 100 is mapped twice", result.Refusal!.Message);
    }

    [Fact]
    public async Task An_event_properties_row_with_too_few_cells_refuses_the_collection_with_its_line()
    {
        var result = await CollectAsync(properties: Properties + "\n200;Signed out");

        Assert.Equal("event properties file, line 3: 2 cell(s); a row needs at least eventid;message;category;subcategory", result.Refusal!.Message);
        Assert.Empty(result.Events);
    }

    [Fact]
    public async Task An_event_id_without_an_event_properties_row_still_maps_with_an_empty_message()
    {
        var result = await CollectAsync(
            properties: "eventid;message;category;subcategory",
            mapping: $"{MappingHeader};payload\n{MappingRow.Replace("{message}", "Sign-in")};{{message}}");

        Assert.Equal(2, result.Events.Count);
        Assert.Null(result.Events[0].Payload);
    }

    [Theory]
    [InlineData("2026-11-20T08:00:00Z", 8)]
    [InlineData("2026-11-20T10:00:00+02:00", 8)]
    [InlineData("2026-11-20T08:00:00", 8)]
    [InlineData("2026-11-20 08:00:00", 8)]
    [InlineData("2026-11-20 08:00:00.250", 8)]
    [InlineData("20/11/2026 08:00:00", 8)]
    public void Dates_in_iso_and_the_two_common_forms_are_read_as_utc(string text, int hour)
    {
        Assert.True(CsvCollector.TryParseDate(text, out var utc));
        Assert.Equal((2026, 11, 20, hour, DateTimeKind.Utc), (utc.Year, utc.Month, utc.Day, utc.Hour, utc.Kind));
    }

    [Theory]
    [InlineData("11/20/2026 08:00:00")]
    [InlineData("20.11.2026")]
    [InlineData("yesterday")]
    public void Dates_in_other_forms_are_not_guessed(string text)
    {
        Assert.False(CsvCollector.TryParseDate(text, out _));
    }
}
