using System.Data.Common;
using System.Globalization;
using System.Text;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// Turns an <see cref="AuditQuery"/> into a parameterized WHERE clause, ORDER BY and page key condition, written once
/// for both providers: a filter added here works on SQLite and PostgreSQL alike. What their SQL truly writes differently
/// (the parameter placeholder, free text, LIKE, where NULL sorts, whether a number column can hold '') is each
/// provider's dialect: <see cref="SqliteAuditSql"/> and <see cref="PostgreSqlAuditSql"/>.
/// </summary>
internal abstract class AuditSql
{
    /// <summary>What starts a parameter's placeholder in the SQL: $ on SQLite, @ on PostgreSQL.</summary>
    public abstract char ParameterPrefix { get; }

    /// <summary>Where NULL sorts in an ascending order: above every value (PostgreSQL) or below (SQLite).</summary>
    protected abstract bool NullsLastAscending { get; }

    /// <summary>The condition of the query's free text; null when the search keeps no word (no condition).</summary>
    /// <param name="param">Adds a parameter to the command and returns its placeholder.</param>
    protected abstract string? FreeText(AuditQuery query, string alias, Func<object, string> param);

    /// <summary>Whether an empty value of <paramref name="column"/> may be '' as well as NULL.</summary>
    protected abstract bool MayHoldEmptyText(AuditColumn column);

    /// <summary>The column's SQL (<paramref name="sql"/>) matching a LIKE pattern escaped with backslashes, ignoring the case of ASCII letters.</summary>
    protected abstract string Like(string sql, AuditColumn column, string pattern);

    /// <summary>The WHERE clause ("" without conditions), its values added to <paramref name="command"/> as parameters.</summary>
    /// <param name="alias">The events' alias with its dot ("e."), or "" when the statement names the table itself.</param>
    public string Where(AuditQuery query, DbCommand command, string alias = "")
    {
        var clauses = new List<string>();
        string Param(object value) => Parameter(command, "w", value);

        if (query.FromUtc is { } from)
        {
            clauses.Add($"{alias}\"EventTimeUtc\" >= {Param(AuditEventWriter.ToUnixMs(from))}");
        }

        if (query.ToUtc is { } to)
        {
            clauses.Add($"{alias}\"EventTimeUtc\" < {Param(AuditEventWriter.ToUnixMs(to))}");
        }

        if (FreeText(query, alias, Param) is { } match)
        {
            clauses.Add(match);
        }

        foreach (var filter in query.Filters)
        {
            var column = AuditColumns.Find(filter.Column)
                ?? throw new ArgumentException($"There is no column '{filter.Column}' in AUDIT_LOGS.");
            var sql = alias + column.Sql;
            object Typed(string value) => TryTyped(column, value, out var typed)
                ? typed
                : throw new ArgumentException($"'{value}' is not a valid value for {column.Title}.");
            var value = filter.Value ?? "";
            switch (filter.Operator)
            {
                case FilterOperator.IsEmpty:
                    clauses.Add(MayHoldEmptyText(column) ? $"({sql} IS NULL OR {sql} = '')" : $"{sql} IS NULL");
                    break;
                case FilterOperator.IsNotEmpty:
                    clauses.Add(MayHoldEmptyText(column) ? $"({sql} IS NOT NULL AND {sql} <> '')" : $"{sql} IS NOT NULL");
                    break;
                case FilterOperator.In when filter.Values is { Count: > 0 } values:
                    clauses.Add($"{sql} IN ({string.Join(", ", values.Select(v => Param(Typed(v))))})");
                    break;
                case FilterOperator.In:
                    break;
                case FilterOperator.Equals:
                    clauses.Add($"{sql} = {Param(Typed(value))}");
                    break;
                case FilterOperator.NotEquals:
                    clauses.Add($"({sql} IS NULL OR {sql} <> {Param(Typed(value))})");
                    break;
                case FilterOperator.GreaterOrEqual:
                    clauses.Add($"{sql} >= {Param(Typed(value))}");
                    break;
                case FilterOperator.LessOrEqual:
                    clauses.Add($"{sql} <= {Param(Typed(value))}");
                    break;
                case FilterOperator.StartsWith when value.Length > 0:
                    clauses.Add(Like(sql, column, Param(EscapeLike(value) + "%")));
                    break;
                case FilterOperator.Contains when value.Length > 0:
                    clauses.Add(Like(sql, column, Param("%" + EscapeLike(value) + "%")));
                    break;
            }
        }

        clauses.AddRange(AuditLedgerFilter.Clauses(query, alias, Param));
        return clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses);
    }

    /// <summary>
    /// Adds a parameter named by the dialect's prefix, <paramref name="kind"/> and its position in the command ($w0, @k3),
    /// so that names never collide however many clauses add theirs; returns its placeholder.
    /// </summary>
    private string Parameter(DbCommand command, string kind, object value)
    {
        var name = ParameterPrefix + kind + command.Parameters.Count.ToString(CultureInfo.InvariantCulture);
        AddParameter(command, name, value);
        return name;
    }

    /// <summary>Adds a parameter as the providers' AddWithValue does (its type taken from the value).</summary>
    internal static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A filter value in the column's stored form (times as Unix ms, numbers as integers); false when it does not parse.</summary>
    public static bool TryTyped(AuditColumn column, string value, out object typed)
    {
        switch (column.Kind)
        {
            case AuditColumnKind.Time when DateTime.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time):
                typed = AuditEventWriter.ToUnixMs(time);
                return true;
            case AuditColumnKind.Number when long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number):
                typed = number;
                return true;
            case AuditColumnKind.Time or AuditColumnKind.Number:
                typed = value;
                return false;
            default:
                typed = value;
                return true;
        }
    }

    /// <summary>
    /// Sort by the column, then by event time and id, so that an index (Column, EventTimeUtc) with its rowid serves
    /// the whole ORDER BY without a sort step, and the order is total (stable pages).
    /// </summary>
    public static string OrderBy(AuditQuery query, string alias = "")
    {
        var column = SortColumn(query.SortColumn);
        var dir = query.SortDescending ? "DESC" : "ASC";
        var parts = new List<string> { $"{alias}{column.Sql} {dir}" };
        if (column.Name != nameof(AuditEvent.EventTimeUtc))
        {
            parts.Add($"{alias}\"EventTimeUtc\" {dir}");
        }

        parts.Add($"{alias}\"Id\" {dir}");
        return " ORDER BY " + string.Join(", ", parts);
    }

    /// <summary>The column a sort names; the event time when it names none.</summary>
    internal static AuditColumn SortColumn(string name) => AuditColumns.Find(name) ?? AuditColumns.Find(nameof(AuditEvent.EventTimeUtc))!;

    /// <summary>
    /// The rows after <see cref="AuditQuery.After"/> in <see cref="OrderBy"/>'s order (column, event time, id), its key's
    /// values added to <paramref name="command"/>; null without a key. Where NULL goes is the dialect's
    /// (<see cref="NullsLastAscending"/>).
    /// </summary>
    public string? After(AuditQuery query, DbCommand command, string alias = "")
    {
        if (query.After is not { } key)
        {
            return null;
        }

        string Param(object value) => Parameter(command, "k", value);
        var column = SortColumn(query.SortColumn);
        var cmp = query.SortDescending ? "<" : ">";
        var time = alias + "\"EventTimeUtc\"";
        var id = alias + "\"Id\"";
        var (keyTime, keyId) = (Param(key.EventTimeMs), Param(key.Id));
        if (column.Name == nameof(AuditEvent.EventTimeUtc))
        {
            // The plain bound beside the row comparison lets PostgreSQL skip the months past the key (partition pruning
            // knows no row comparison).
            return $"{time} {cmp}= {keyTime} AND ({time}, {id}) {cmp} ({keyTime}, {keyId})";
        }

        var sql = alias + column.Sql;
        var nullsAfter = NullsLastAscending != query.SortDescending;
        if (key.SortValue is not { } value)
        {
            return nullsAfter
                ? $"({sql} IS NULL AND ({time}, {id}) {cmp} ({keyTime}, {keyId}))"
                : $"({sql} IS NOT NULL OR ({time}, {id}) {cmp} ({keyTime}, {keyId}))";
        }

        var after = $"({sql}, {time}, {id}) {cmp} ({Param(value)}, {keyTime}, {keyId})";
        return nullsAfter ? $"({after} OR {sql} IS NULL)" : after;
    }

    /// <summary>Free text to an FTS5 query: every word must match, as a prefix; quotes keep FTS syntax out of user input.</summary>
    public static string? FtsQuery(string? search)
    {
        var match = string.Join(" ", SearchTerms(search).Select(t => "\"" + t.Replace("\"", "\"\"") + "\"*"));
        return match.Length == 0 ? null : match;
    }

    /// <summary>The words of the free text that the search keeps (at most 10), each one FTS5 phrase.</summary>
    internal static IEnumerable<string> SearchTerms(string? search) => string.IsNullOrWhiteSpace(search)
        ? []
        : search.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(t => new string(t.Where(ch => char.IsLetterOrDigit(ch) || ch is '.' or '@' or '-' or '_').ToArray()))
            .Where(t => t.Length > 0)
            .Take(10);

    private static string EscapeLike(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (ch is '%' or '_' or '\\')
            {
                sb.Append('\\');
            }

            sb.Append(ch);
        }

        return sb.ToString();
    }
}
