namespace AdminPortal.Core.Data;

/// <summary>
/// What a provider cannot do yet. The portal refuses to start on it rather than run with parts that would fail at the
/// first request: on PostgreSQL the audit-event store can be written (AuditEventWriter) but not yet read (explorer,
/// exports, retention are SQLite's SQL today).
/// </summary>
public static class ProviderReadiness
{
    public const string PostgreSqlRefusal =
        "Database:Provider PostgreSQL is not available yet: reading the audit-event store on PostgreSQL (explorer, " +
        "exports, retention) comes with the next release of the scale-out work; use Database:Provider Sqlite (the default).";

    /// <summary>The one line to stop the portal with, or null when <paramref name="provider"/> (Database:Provider) can run it.</summary>
    public static string? Refusal(string? provider) =>
        Enum.TryParse<DatabaseProvider>(provider, ignoreCase: true, out var parsed) && parsed == DatabaseProvider.PostgreSQL
            ? PostgreSqlRefusal
            : null;
}
