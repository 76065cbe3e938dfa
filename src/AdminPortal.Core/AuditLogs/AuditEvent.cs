namespace AdminPortal.Core.AuditLogs;

/// <summary>
/// One normalized audit event: the Brainwave audit schema of PRODUCT.md (* = mandatory), plus the event id,
/// ingestion time and the raw event as received. This is the AUDIT_LOGS table.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Row id: the keyset for paging and exports (monotonic with ingestion).</summary>
    public long Id { get; set; }

    /// <summary>Unique id of the event at its source; a second event with the same id is ignored.</summary>
    public string EventId { get; set; } = "";

    /// <summary>date*: when the event happened (UTC).</summary>
    public DateTime EventTimeUtc { get; set; }

    /// <summary>When the portal stored it (UTC).</summary>
    public DateTime IngestedAtUtc { get; set; }

    public string? Tenant { get; set; }

    /// <summary>datasource*: the system the event comes from (e.g. "snowflake", "active-directory").</summary>
    public string Datasource { get; set; } = "";

    public string? ExternalRef { get; set; }

    /// <summary>family*: the kind of source (e.g. "database", "directory", "adminportal" for the portal's own actions).</summary>
    public string Family { get; set; } = "";

    // where
    public string? WhereSource { get; set; }
    public string? WhereDestination { get; set; }

    // who
    /// <summary>login*: the account that acted.</summary>
    public string Login { get; set; } = "";
    /// <summary>repository*: where that account lives.</summary>
    public string Repository { get; set; } = "";
    public string? Identity { get; set; }
    public string? Session { get; set; }

    // what
    public string? Category { get; set; }
    /// <summary>code*</summary>
    public string Code { get; set; } = "";
    /// <summary>code label*</summary>
    public string CodeLabel { get; set; } = "";
    /// <summary>action*</summary>
    public string Action { get; set; } = "";
    public string? Payload { get; set; }
    public AuditEventStatus? Status { get; set; }
    /// <summary>count*</summary>
    public int Count { get; set; } = 1;
    public string? DisplayLabel { get; set; }
    public AuditTargetType? TargetType { get; set; }
    public string? TargetName { get; set; }
    public string? TargetParent { get; set; }
    public string? SecondTarget { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    /// <summary>Structured details of the event, as JSON.</summary>
    public string? DataJson { get; set; }

    public string? Custom1 { get; set; }
    public string? Custom2 { get; set; }
    public string? Custom3 { get; set; }
    public string? Custom4 { get; set; }
    public string? Custom5 { get; set; }
    public string? Custom6 { get; set; }
    public string? Custom7 { get; set; }
    public string? Custom8 { get; set; }
    public string? Custom9 { get; set; }
    public string? Custom10 { get; set; }
    public string? Custom11 { get; set; }
    public string? Custom12 { get; set; }
    public string? Custom13 { get; set; }
    public string? Custom14 { get; set; }
    public string? Custom15 { get; set; }
    public string? Custom16 { get; set; }
    public string? Custom17 { get; set; }
    public string? Custom18 { get; set; }
    public string? Custom19 { get; set; }

    /// <summary>The event exactly as received (JSON, or the CSV row as JSON), for the detail drawer and audits of the mapping.</summary>
    public string? RawJson
    {
        get => receivedText ??= receivedUtf8 is null ? null : System.Text.Encoding.UTF8.GetString(receivedUtf8);
        set
        {
            receivedText = value;
            receivedUtf8 = null;
        }
    }

    /// <summary>
    /// <see cref="RawJson"/> as the UTF-8 bytes ingestion received, when it kept them: the writer stores them as they are,
    /// without a UTF-16 copy of every event in between (about 2 KB of garbage an event at 50,000 events/s). Valid UTF-8.
    /// </summary>
    internal byte[]? RawJsonUtf8
    {
        get => receivedUtf8;
        set
        {
            receivedUtf8 = value;
            receivedText = null;
        }
    }

    // Not named after the property: EF Core would read and write a field it finds by convention (rawJson, _rawJson)
    // and miss the UTF-8 form.
    private string? receivedText;
    private byte[]? receivedUtf8;
}
