using System.Text;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// The explorer's SQL on PostgreSQL (<see cref="AuditSql"/>): free text on the "SearchVector" tsvector (GIN) instead of
/// FTS5, with the same meaning.
/// </summary>
internal sealed class PostgreSqlAuditSql : AuditSql
{
    public static readonly PostgreSqlAuditSql Instance = new();

    private PostgreSqlAuditSql()
    {
    }

    public override char ParameterPrefix => '@';

    protected override bool NullsLastAscending => true;

    // A number or time column is never '' (and PostgreSQL refuses to compare it with text): empty is NULL only.
    protected override bool MayHoldEmptyText(AuditColumn column) => column.Kind is not (AuditColumnKind.Number or AuditColumnKind.Time);

    // ILIKE: SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's LIKE does not; ILIKE's default escape character
    // is the backslash. SQLite's LIKE reads a number (times are Unix ms) as its text; PostgreSQL needs the cast said.
    protected override string Like(string sql, AuditColumn column, string pattern) =>
        $"{(column.Kind is AuditColumnKind.Number or AuditColumnKind.Time ? $"{sql}::text" : sql)} ILIKE {pattern}";

    // Search words without a letter or digit ("---") match nothing, as FTS5's empty phrase.
    protected override string? FreeText(AuditQuery query, string alias, Func<object, string> param) =>
        TsQuery(query.Search, param) is { } match
            ? (match.Length == 0 ? "FALSE" : Matches(alias, $"to_tsquery('simple', {match})"))
            : null;

    /// <summary>
    /// The events of the tsquery: those with a search vector through its GIN index, and those still waiting for theirs
    /// (migration AuditSearchDeferred; <see cref="SearchIndex.PostgreSqlAuditSearchIndexer"/> fills them soon after
    /// ingestion) through the partial index of the waiting ones, their vector computed by the same function the
    /// indexer stores. The planner ORs the two indexes' bitmaps; the results do not depend on how far the indexer has come.
    /// </summary>
    private static string Matches(string alias, string tsQuery) =>
        $"({alias}\"SearchVector\" @@ {tsQuery} OR ({alias}\"SearchVector\" IS NULL AND {SearchIndex.PostgreSqlAuditSearchIndexer.VectorOf(alias)} @@ {tsQuery}))";

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
        var terms = SearchTerms(search).ToList();
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
}
