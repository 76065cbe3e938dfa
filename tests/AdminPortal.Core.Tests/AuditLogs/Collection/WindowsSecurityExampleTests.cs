using System.Text.Json;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Collection;

namespace AdminPortal.Core.Tests.AuditLogs.Collection;

/// <summary>The example files in Examples/: a Windows Security log with its event properties and attribute mapping.</summary>
public class WindowsSecurityExampleTests
{
    private static async Task<CsvCollectionResult> CollectExampleAsync()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Examples");
        await using var raw = File.OpenRead(Path.Combine(folder, "windows-security.csv"));
        await using var properties = File.OpenRead(Path.Combine(folder, "windows-security.eventproperties.csv"));
        await using var mapping = File.OpenRead(Path.Combine(folder, "windows-security.mapping.csv"));
        return await new CsvCollector().CollectAsync(new CsvCollectionInput(raw, properties, mapping, "DC01/security-2026-11-20.csv"));
    }

    private static async Task<AuditEvent> EventAsync(string eventId) =>
        (await CollectExampleAsync()).Events.Single(e => e.EventId == eventId);

    [Fact]
    public async Task The_example_log_gives_one_event_per_mapped_complete_row()
    {
        var result = await CollectExampleAsync();

        Assert.False(result.IsRefused);
        Assert.Equal(
            ["DC01.contoso.local-118201", "DC01.contoso.local-118202", "FS02.contoso.local-77410", "DC01.contoso.local-118230", "DC01.contoso.local-118251"],
            result.Events.Select(e => e.EventId));
    }

    [Fact]
    public async Task A_row_whose_event_id_has_no_mapping_is_rejected_with_its_line()
    {
        var result = await CollectExampleAsync();

        Assert.Contains("line 6: no mapping for event id 4688", result.Rejections.Select(r => r.Message));
    }

    [Fact]
    public async Task A_row_whose_mandatory_attributes_come_out_empty_is_rejected_naming_them()
    {
        var result = await CollectExampleAsync();

        Assert.Contains("line 7: login, repository are missing", result.Rejections.Select(r => r.Message));
    }

    [Fact]
    public async Task A_successful_logon_maps_static_text_and_raw_columns()
    {
        var e = await EventAsync("DC01.contoso.local-118201");

        Assert.Equal(("active-directory", "directory", "4624", "logon"), (e.Datasource, e.Family, e.Code, e.Action));
        Assert.Equal(new DateTime(2026, 11, 20, 8, 1, 12, DateTimeKind.Utc), e.EventTimeUtc);
        Assert.Equal((AuditEventStatus.Success, 1), (e.Status, e.Count));
        Assert.Equal("DC01.contoso.local", e.WhereDestination);
    }

    [Fact]
    public async Task A_mixture_of_parameters_and_static_text_builds_the_login()
    {
        var e = await EventAsync("DC01.contoso.local-118201");

        Assert.Equal(@"CONTOSO\jsmith", e.Login);
        Assert.Equal(("CONTOSO", "0x3e7a1", "10.0.4.17"), (e.Repository, e.Session, e.WhereSource));
        Assert.Equal("jsmith signed in on DC01.contoso.local", e.DisplayLabel);
    }

    [Fact]
    public async Task Message_and_category_come_from_the_event_properties_file()
    {
        var e = await EventAsync("DC01.contoso.local-118201");

        Assert.Equal(("An account was successfully logged on", "Logon/Logoff"), (e.CodeLabel, e.Category));
    }

    [Fact]
    public async Task A_failed_logon_is_mapped_as_a_failure_with_its_reason()
    {
        var e = await EventAsync("DC01.contoso.local-118202");

        Assert.Equal(AuditEventStatus.Fail, e.Status);
        Assert.Equal(@"CONTOSO\administrator", e.Login);
        Assert.Equal("Failed sign-in for administrator: Unknown user name or bad password", e.DisplayLabel);
    }

    [Fact]
    public async Task Positional_parameters_take_their_names_from_the_event_properties_file()
    {
        var e = await EventAsync("FS02.contoso.local-77410");

        Assert.Equal(@"CONTOSO\mdupont", e.Login);
        Assert.Equal((AuditTargetType.Asset, @"C:\Finance\Q4\budget.xlsx"), (e.TargetType, e.TargetName));
        Assert.Equal("File System", e.Category);
    }

    [Fact]
    public async Task Percent_numbers_in_the_message_are_replaced_by_positional_parameters()
    {
        var e = await EventAsync("FS02.contoso.local-77410");

        Assert.Equal(@"An attempt was made to access an object: C:\Finance\Q4\budget.xlsx (access WriteData (or AddFile))", e.CodeLabel);
    }

    [Fact]
    public async Task FormattedRawData_is_the_whole_row_as_column_value_pairs()
    {
        var e = await EventAsync("FS02.contoso.local-77410");

        Assert.Equal(
            @"timestamp=20/11/2026 08:15:02; eventid=4663; computer=FS02.contoso.local; channel=Security; recordnumber=77410; keywords=Audit Success; properties=CONTOSO|mdupont|C:\Finance\Q4\budget.xlsx|0x2|WriteData (or AddFile)",
            e.Payload);
    }

    [Fact]
    public async Task A_dd_MM_yyyy_date_is_read_day_first_as_utc()
    {
        var e = await EventAsync("FS02.contoso.local-77410");

        Assert.Equal(new DateTime(2026, 11, 20, 8, 15, 2, DateTimeKind.Utc), e.EventTimeUtc);
    }

    [Fact]
    public async Task A_yyyy_MM_dd_date_without_offset_is_read_as_utc()
    {
        var e = await EventAsync("DC01.contoso.local-118202");

        Assert.Equal(new DateTime(2026, 11, 20, 8, 3, 40, DateTimeKind.Utc), e.EventTimeUtc);
    }

    [Fact]
    public async Task An_iso_date_with_an_offset_is_converted_to_utc()
    {
        var e = await EventAsync("DC01.contoso.local-118230");

        Assert.Equal(new DateTime(2026, 11, 20, 8, 30, 0, DateTimeKind.Utc), e.EventTimeUtc);
    }

    [Fact]
    public async Task A_quoted_properties_value_with_a_comma_is_one_value()
    {
        var e = await EventAsync("DC01.contoso.local-118251");

        Assert.Equal(("o.brien", "Account CONTOSO\\o.brien created"), (e.TargetName, e.DisplayLabel));
    }

    [Fact]
    public async Task RawJson_is_the_raw_row_as_a_json_object()
    {
        var e = await EventAsync("DC01.contoso.local-118230");

        var raw = JsonDocument.Parse(e.RawJson!).RootElement;
        Assert.Equal("4720", raw.GetProperty("eventid").GetString());
        Assert.Equal("2026-11-20T09:30:00+01:00", raw.GetProperty("timestamp").GetString());
        Assert.StartsWith("SubjectUserName=it.admin|", raw.GetProperty("properties").GetString());
        Assert.Equal(7, raw.EnumerateObject().Count());
    }

    [Fact]
    public async Task RawJson_keeps_quotes_readable_rather_than_escaped()
    {
        var e = await EventAsync("DC01.contoso.local-118251");

        Assert.Contains("DisplayName=O'Brien, Pat", e.RawJson);
    }
}
