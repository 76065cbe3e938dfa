namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>A raw log row that produced no event.</summary>
public sealed record CsvRowRejection(int Line, string Reason)
{
    /// <summary>"line 4: no mapping for event id 4663".</summary>
    public string Message => $"line {Line}: {Reason}";

    public override string ToString() => Message;
}
