namespace AdminPortal.Core.Data;

/// <summary>
/// A database error told apart from a defect: its kind, the provider's code (SQLite's result code, PostgreSQL's
/// SQLSTATE, or the socket error) for the log, and the provider's message.
/// </summary>
public sealed record DatabaseError(DatabaseErrorKind Kind, string Code, string Message)
{
    public bool IsTransient => Kind == DatabaseErrorKind.Transient;
}
