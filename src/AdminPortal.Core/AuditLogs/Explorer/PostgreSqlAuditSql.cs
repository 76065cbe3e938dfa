using System.Text;
using Npgsql;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// Turns an <see cref="AuditQuery"/> into a parameterized WHERE clause and ORDER BY for PostgreSQL: the same meaning as
/// <see cref="AuditSql"/> on SQLite, free text on the "SearchVector" tsvector (GIN) instead of FTS5.
/// </summary>
internal static class PostgreSqlAuditSql
{
    public static string Where(AuditQuery query, NpgsqlCommand command, string alias = "")
    {
        var clauses = new List<string>();
        string Param(object value)
        {
            var name = "w" + command.Parameters.Count;
            command.Parameters.AddWithValue(name, value);
            return "@" + name;
        }

        if (query.FromUtc is { } from)
        {
            clauses.Add($"{alias}\"EventTimeUtc\" >= {Param(AuditEventWriter.ToUnixMs(from))}");
        }

        if (query.ToUtc is { } to)
        {
            clauses.Add($"{alias}\"EventTimeUtc\" < {Param(AuditEventWriter.ToUnixMs(to))}");
        }

        if (TsQuery(query.Search, Param) is { } match)
        {
            // Search words without a letter or digit ("---") match nothing, as FTS5's empty phrase.
            clauses.Add(match.Length == 0 ? "FALSE" : Matches(alias, $"to_tsquery('simple', {match})"));
        }

        foreach (var filter in query.Filters)
        {
            var column = AuditColumns.Find(filter.Column)
                ?? throw new ArgumentException($"There is no column '{filter.Column}' in AUDIT_LOGS.");
            var sql = alias + column.Sql;
            object Typed(string value) => AuditSql.TryTyped(column, value, out var typed)
                ? typed
                : throw new ArgumentException($"'{value}' is not a valid value for {column.Title}.");
            var value = filter.Value ?? "";
            // A number or time column is never '' (and PostgreSQL refuses to compare it with text): empty is NULL only.
            var text = column.Kind is not (AuditColumnKind.Number or AuditColumnKind.Time);
            switch (filter.Operator)
            {
                case FilterOperator.IsEmpty:
                    clauses.Add(text ? $"({sql} IS NULL OR {sql} = '')" : $"{sql} IS NULL");
                    break;
                case FilterOperator.IsNotEmpty:
                    clauses.Add(text ? $"({sql} IS NOT NULL AND {sql} <> '')" : $"{sql} IS NOT NULL");
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
                // ILIKE: SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's LIKE does not.
                case FilterOperator.StartsWith when value.Length > 0:
                    clauses.Add($"{AsText(sql, column)} ILIKE {Param(EscapeLike(value) + "%")}");
                    break;
                case FilterOperator.Contains when value.Length > 0:
                    clauses.Add($"{AsText(sql, column)} ILIKE {Param("%" + EscapeLike(value) + "%")}");
                    break;
            }
        }

        clauses.AddRange(AuditLedgerFilter.Clauses(query, alias, Param));
        return clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses);
    }

    /// <summary>
    /// The events of the tsquery: those with a search vector through its GIN index, and those still waiting for theirs
    /// (migration AuditSearchDeferred; <see cref="SearchIndex.PostgreSqlAuditSearchIndexer"/> fills them soon after
    /// ingestion) through the partial index of the waiting ones, their vector computed by the same function the
    /// indexer stores. The planner ORs the two indexes' bitmaps; the results do not depend on how far the indexer has come.
    /// </summary>
    private static string Matches(string alias, string tsQuery) =>
        $"({alias}\"SearchVector\" @@ {tsQuery} OR ({alias}\"SearchVector\" IS NULL AND {SearchIndex.PostgreSqlAuditSearchIndexer.VectorOf(alias)} @@ {tsQuery}))";

    /// <summary>The same total order as <see cref="AuditSql.OrderBy"/>: column, event time, id.</summary>
    public static string OrderBy(AuditQuery query, string alias = "") => AuditSql.OrderBy(query, alias);

    /// <summary>The rows after <see cref="AuditQuery.After"/> in that order (NULL sorts above every value here); null without a key.</summary>
    public static string? After(AuditQuery query, NpgsqlCommand command, string alias = "") =>
        AuditSql.After(query, alias, value =>
        {
            var name = "k" + command.Parameters.Count;
            command.Parameters.AddWithValue(name, value);
            return "@" + name;
        }, nullsLastAscending: true);

    /// <summary>
    /// Free text to the SQL of a tsquery's text, with SQLite's meaning: every word must match, as a prefix. A word of the
    /// search (<see cref="AuditSql.SearchTerms"/>) is cut into runs of letters and digits, as unicode61 and the
    /// "SearchVector" column (migration AuditSearchWords) cut the events' text: "alice@example" is 'alice' followed by
    /// 'example' as a prefix, FTS5's phrase "alice@example"*. Each run is a parameter folded by "AuditSearchFold" (migration
    /// AuditSearchUnaccent: "resume" finds "résumé", as FTS5's remove_diacritics) and then quoted (quote_literal; the fold
    /// leaves no backslash, which quote_literal would write as E'…'), so no user text is read as tsquery syntax. Null when the search keeps no word (no condition, as on
    /// SQLite); empty when its words hold no letter or digit (no match).
    /// </summary>
    public static string? TsQuery(string? search, Func<object, string> param)
    {
        var terms = AuditSql.SearchTerms(search).ToList();
        if (terms.Count == 0)
        {
            return null;
        }

        var phrases = new List<string>();
        foreach (var term in terms)
        {
            var words = Words(term);
            if (words.Count == 0)
            {
                return "";
            }

            phrases.Add("'(' || " + string.Join(" || ' <-> ' || ", words.Select(w => $"quote_literal(\"AuditSearchFold\"({param(w)}))")) + " || ':*)'");
        }

        return string.Join(" || ' & ' || ", phrases);
    }

    private static List<string> Words(string term)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var ch in term)
        {
            if (char.IsLetterOrDigit(ch))
            {
                word.Append(ch);
            }
            else if (word.Length > 0)
            {
                words.Add(word.ToString());
                word.Clear();
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    // SQLite's LIKE reads a number (times are Unix ms) as its text; PostgreSQL needs the cast said.
    private static string AsText(string sql, AuditColumn column) =>
        column.Kind is AuditColumnKind.Number or AuditColumnKind.Time ? $"{sql}::text" : sql;

    // ILIKE's default escape character is the backslash.
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
