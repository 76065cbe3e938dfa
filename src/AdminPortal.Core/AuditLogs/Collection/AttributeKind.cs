namespace AdminPortal.Core.AuditLogs.Collection;

/// <summary>What a mapping column feeds.</summary>
internal enum AttributeKind
{
    /// <summary>The first column: the event id that selects the row.</summary>
    Key,

    /// <summary>The produced event's own id (eventuid).</summary>
    EventUid,
    Date,
    Status,
    Count,
    TargetType,
    Data,
    Text,
}
