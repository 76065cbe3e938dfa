namespace AdminPortal.Core.AuditLogs.Ingestion;

/// <summary>What a rejection's <see cref="AuditEventRejection.Line"/> counts.</summary>
public enum BatchPosition
{
    /// <summary>A 1-based line of an NDJSON body.</summary>
    Line,

    /// <summary>A 1-based element of a JSON array body.</summary>
    Element,

    /// <summary>The one event of a JSON body that is a single object (Line is 1).</summary>
    Body,
}
