using System.Text.Json;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.AuditLogs.Ingestion;
using static AdminPortal.Core.Tests.AuditLogs.Ingestion.Batches;

namespace AdminPortal.Core.Tests.AuditLogs.Ingestion;

public class AltrEventTests
{
    private const string QueryAudit = """
        {"eventID":"9b2f6c1e-0c4d-4a57-9a43-5d1c2b7e8f10","eventTime":1763806500123,"eventName":"QueryAudit",
         "eventSource":"altr.snowflake","orgId":"org-118",
         "userIdentity":{"type":"SnowflakeUser","userName":"JSMITH","principalId":"u-5521","sessionId":"sess-19"},
         "details":{"queryId":"01b8-77","queryText":"SELECT email FROM SALES.PUBLIC.CUSTOMERS","database":"SALES","schema":"PUBLIC",
                    "table":"CUSTOMERS","rowsReturned":250,"result":"success","clientIp":"10.1.2.3"}}
        """;

    [Fact]
    public async Task An_altr_query_audit_maps_its_envelope()
    {
        var e = await SingleAsync(QueryAudit);

        Assert.Equal("9b2f6c1e-0c4d-4a57-9a43-5d1c2b7e8f10", e.EventId);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1763806500123).UtcDateTime, e.EventTimeUtc);
        Assert.Equal(("altr.snowflake", "altr", "org-118"), (e.Datasource, e.Family, e.Tenant));
        Assert.Equal(("QueryAudit", "QueryAudit", "Query audit", "query"), (e.Code, e.Action, e.CodeLabel, e.Category));
    }

    [Fact]
    public async Task An_altr_user_identity_object_gives_login_identity_repository_and_session()
    {
        var e = await SingleAsync(QueryAudit);

        Assert.Equal(("JSMITH", "u-5521", "SnowflakeUser", "sess-19"), (e.Login, e.Identity, e.Repository, e.Session));
    }

    [Fact]
    public async Task An_altr_query_audit_maps_the_query_and_its_table()
    {
        var e = await SingleAsync(QueryAudit);

        Assert.Equal("SELECT email FROM SALES.PUBLIC.CUSTOMERS", e.Payload);
        Assert.Equal(AuditTargetType.Asset, e.TargetType);
        Assert.Equal(("SALES.PUBLIC.CUSTOMERS", "SALES.PUBLIC"), (e.TargetName, e.TargetParent));
        Assert.Equal((250, AuditEventStatus.Success), (e.Count, e.Status));
        Assert.Equal(("01b8-77", "10.1.2.3"), (e.ExternalRef, e.WhereSource));
    }

    [Fact]
    public async Task An_altr_event_keeps_its_details_as_DataJson_and_the_whole_event_as_RawJson()
    {
        var e = await SingleAsync(QueryAudit);

        Assert.Equal(250, JsonDocument.Parse(e.DataJson!).RootElement.GetProperty("rowsReturned").GetInt32());
        Assert.Equal(QueryAudit, e.RawJson);
    }

    [Fact]
    public async Task An_altr_query_audit_that_returned_no_rows_still_counts_once()
    {
        var e = await SingleAsync(Altr("QueryAudit", "\"details\":{\"query\":\"select 1\",\"rowsReturned\":0}"));

        Assert.Equal(1, e.Count);
        Assert.Equal(AuditEventStatus.Success, e.Status);
    }

    [Fact]
    public async Task An_altr_query_audit_with_an_error_is_a_failure()
    {
        var e = await SingleAsync(Altr("QueryAudit", "\"details\":{\"query\":\"select * from x\",\"error\":\"Access denied by policy PII\"}"));

        Assert.Equal(AuditEventStatus.Fail, e.Status);
    }

    [Fact]
    public async Task An_altr_system_audit_maps_old_and_new_values_and_its_object()
    {
        var e = await SingleAsync(Altr("SystemAudit", """
            "details":{"action":"UPDATE","objectType":"policy","objectName":"Mask PII","changedBy":"ops.bot",
                       "oldValue":{"mask":"partial"},"newValue":{"mask":"full"},"success":true}
            """));

        Assert.Equal("system", e.Category);
        Assert.Equal(("{\"mask\":\"partial\"}", "{\"mask\":\"full\"}"), (e.OldValue, e.NewValue));
        Assert.Equal((AuditTargetType.Permission, "Mask PII"), (e.TargetType, e.TargetName));
        Assert.Equal("UPDATE policy Mask PII", e.DisplayLabel);
        Assert.Equal(AuditEventStatus.Success, e.Status);
    }

    [Fact]
    public async Task An_altr_system_audit_without_a_user_identity_is_attributed_to_changedBy()
    {
        var e = await SingleAsync(Altr("SystemAudit", "\"details\":{\"objectType\":\"user\",\"objectName\":\"kim\",\"changedBy\":\"admin@acme.com\"}", user: null));

        Assert.Equal(("admin@acme.com", "altr"), (e.Login, e.Repository));
        Assert.Equal(AuditTargetType.Account, e.TargetType);
    }

    [Fact]
    public async Task An_altr_custom_audit_keeps_its_details_as_DataJson()
    {
        var e = await SingleAsync(Altr("CustomAudit", "\"details\":{\"ticket\":\"CHG-1182\",\"approved\":true}"));

        Assert.Equal("custom", e.Category);
        Assert.Equal("{\"ticket\":\"CHG-1182\",\"approved\":true}", e.DataJson);
    }

    [Fact]
    public async Task An_altr_custom_audit_without_details_keeps_its_own_fields_as_DataJson()
    {
        var e = await SingleAsync(Altr("DataExported", "\"eventType\":\"custom\",\"exportId\":\"x-9\",\"rows\":3"));

        Assert.Equal("custom", e.Category);
        Assert.Equal("{\"exportId\":\"x-9\",\"rows\":3}", e.DataJson);
    }

    [Fact]
    public async Task The_altr_kind_comes_from_eventType_before_eventName()
    {
        var e = await SingleAsync(Altr("PolicyChanged", "\"eventType\":\"SystemAudit\",\"objectType\":\"role\",\"objectName\":\"ANALYST\""));

        Assert.Equal(("system", AuditTargetType.Permission, "ANALYST"), (e.Category, e.TargetType, e.TargetName));
    }

    [Fact]
    public async Task A_string_user_identity_is_both_login_and_identity()
    {
        var e = await SingleAsync(Altr("CustomAudit", "", user: "\"svc-loader\""));

        Assert.Equal(("svc-loader", "svc-loader", "altr"), (e.Login, e.Identity, e.Repository));
    }

    [Fact]
    public async Task An_altr_event_without_eventSource_is_rejected_naming_the_altr_field()
    {
        var rejection = await RejectedAsync("{\"eventID\":\"a1\",\"eventTime\":1763806500123,\"eventName\":\"QueryAudit\",\"userIdentity\":\"x\"}");

        Assert.Equal(("a1", "eventSource is missing"), (rejection.EventId, rejection.Reason));
    }

    [Fact]
    public async Task An_altr_event_without_user_identity_or_name_is_rejected_naming_both()
    {
        var rejection = await RejectedAsync("{\"eventID\":\"a2\",\"eventTime\":1763806500123,\"eventSource\":\"altr\"}");

        Assert.Equal("userIdentity, eventName are missing", rejection.Reason);
    }

    [Fact]
    public async Task An_altr_event_with_a_bad_eventTime_is_rejected()
    {
        var rejection = await RejectedAsync(Altr("QueryAudit", "").Replace("1763806500123", "\"soon\""));

        Assert.StartsWith("eventTime 'soon' is not an ISO-8601 time", rejection.Reason);
    }

    [Theory]
    [InlineData("QueryAudit", "Query audit")]
    [InlineData("policy_updated", "Policy updated")]
    [InlineData("ALTRPolicyChange", "ALTR policy change")]
    [InlineData("userLoginFailed", "User login failed")]
    [InlineData("S3Export", "S3 export")]
    public void Altr_event_names_become_readable_code_labels(string eventName, string label)
    {
        Assert.Equal(label, AltrEventMapper.Humanize(eventName));
    }

    [Fact]
    public async Task Altr_and_normalized_events_mix_in_one_batch()
    {
        var result = await ParseNdjsonAsync(Event("n1"), QueryAudit.ReplaceLineEndings(""));

        Assert.Equal(["database", "altr"], result.Events.Select(e => e.Family));
    }

    private static string Altr(string eventName, string members, string? user = "{\"userName\":\"kim\"}") =>
        "{\"eventID\":\"id-1\",\"eventTime\":1763806500123,\"eventName\":\"" + eventName + "\",\"eventSource\":\"altr.platform\""
        + (user is null ? "" : ",\"userIdentity\":" + user)
        + (members.Length > 0 ? "," + members : "") + "}";
}
