using AdminPortal.Core.AuditLogs.SearchIndex;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// The explorer's SQL on SQLite (<see cref="AuditSql"/>): free text through the FTS5 index in its own file
/// (<see cref="SearchIndexFile"/>). With <paramref name="unindexedAfterId"/>, free text also matches the events past it,
/// which the full-text index has not reached yet, through <see cref="UnindexedSearch"/> (the connection must have it registered).
/// </summary>
internal sealed class SqliteAuditSql(long? unindexedAfterId = null) : AuditSql
{
    /// <summary>Free text on the index alone: a workbook element's, and every query with no events waiting for the index.</summary>
    public static readonly SqliteAuditSql Indexed = new();

    public override char ParameterPrefix => '$';

    protected override bool NullsLastAscending => false;

    // SQLite types values, not columns: any column may hold '', so every empty test keeps both forms.
    protected override bool MayHoldEmptyText(AuditColumn column) => true;

    // SQLite's LIKE ignores the case of ASCII letters and reads a number (times are Unix ms) as its text.
    protected override string Like(string sql, AuditColumn column, string pattern) => $"{sql} LIKE {pattern} ESCAPE '\\'";

    protected override string? FreeText(AuditQuery query, string alias, Func<object, string> param)
    {
        if (FtsQuery(query.Search) is not { } match)
        {
            return null;
        }

        // The events past the watermark join the full-text matches inside the one IN list: written as an OR
        // beside it, the condition no longer drove the plan from the matched ids and every query scanned the
        // time range (5M events, 100k waiting: 5.5 s against 0.9 s for a search that matches nothing).
        var tail = unindexedAfterId is { } after
            ? $" UNION ALL SELECT \"Id\" FROM \"AuditEvents\" WHERE \"Id\" > {param(after)} AND {UnindexedSearch.FunctionName}({param(query.Search!)}, {SearchIndexFile.Columns})"
            : "";
        return $"{alias}\"Id\" IN (SELECT rowid FROM {SearchIndexFile.Schema}.\"{SearchIndexFile.Table}\" WHERE \"{SearchIndexFile.Table}\" MATCH {param(match)}{tail})";
    }
}
