namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>One event of a batch that was not accepted, and why, in words a person can act on.</summary>
public sealed record AuditEventRejection(int Line, BatchPosition Position, string? EventId, string Reason)
{
    /// <summary>"line 3: eventTime is missing", "element 2: …", or the reason alone for a single-object body.</summary>
    public string Message => Position switch
    {
        BatchPosition.Line => $"line {Line}: {Reason}",
        BatchPosition.Element => $"element {Line}: {Reason}",
        _ => Reason,
    };

    public override string ToString() => Message;
}
