using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace AdminPortal.Core.AuditLogs.Explorer;

/// <summary>
/// The free-text match of <see cref="AuditSql.FtsQuery"/> done in .NET, for the events that the full-text index has
/// not reached yet (SearchIndex/): every term must match in one of the indexed columns as FTS5's unicode61 tokenizer
/// reads them (letters and digits make tokens, case and diacritics folded), the term's tokens in a row, the last one as
/// a prefix. The results then do not depend on how far the indexer has come.
/// </summary>
internal static class UnindexedSearch
{
    public const string FunctionName = "audit_unindexed_match";

    // The function is called once per unindexed row with the same search text: compile it once per thread.
    [ThreadStatic]
    private static Tuple<string, string[][]>? compiled;

    /// <summary>Makes the function available to this connection's statements.</summary>
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string, string?, string?, string?, string?, string?, string?, string?, string?, bool>(
            FunctionName, Matches, isDeterministic: true);

    /// <summary>Whether the columns (AuditEventWriter.FtsColumns, in order) match the search text as the full-text index would.</summary>
    public static bool Matches(string search, string? c1, string? c2, string? c3, string? c4, string? c5, string? c6, string? c7, string? c8)
    {
        var terms = Compile(search);
        if (terms.Length == 0)
        {
            return false;
        }

        Span<string?> columns = [c1, c2, c3, c4, c5, c6, c7, c8];
        var folded = new string?[columns.Length];
        foreach (var term in terms)
        {
            var found = false;
            for (var i = 0; i < columns.Length && !found; i++)
            {
                if (columns[i] is not { Length: > 0 } column)
                {
                    continue;
                }

                var text = folded[i] ??= Fold(column);
                // Most rows fail here, before any tokenizing.
                if (text.Contains(term[0], StringComparison.Ordinal))
                {
                    found = ContainsPhrase(Tokens(text), term);
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    private static string[][] Compile(string search)
    {
        if (compiled is { } c && c.Item1 == search)
        {
            return c.Item2;
        }

        // A term with no token at all ("." alone) is left out, as FTS5 leaves out an empty phrase.
        var terms = AuditSql.SearchTerms(search).Select(t => Tokens(Fold(t)).ToArray()).Where(t => t.Length > 0).ToArray();
        compiled = Tuple.Create(search, terms);
        return terms;
    }

    private static bool ContainsPhrase(List<string> tokens, string[] phrase)
    {
        for (var start = 0; start + phrase.Length <= tokens.Count; start++)
        {
            var k = 0;
            while (k < phrase.Length - 1 && tokens[start + k] == phrase[k])
            {
                k++;
            }

            if (k == phrase.Length - 1 && tokens[start + k].StartsWith(phrase[k], StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Lower case without diacritics (unicode61's remove_diacritics); plain ASCII, most text here, takes the short way.</summary>
    internal static string Fold(string text)
    {
        if (Ascii.IsValid(text))
        {
            return text.ToLowerInvariant();
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark)
            {
                sb.Append(char.ToLowerInvariant(ch));
            }
        }

        return sb.ToString();
    }

    /// <summary>unicode61's tokens: runs of letters, digits and private-use characters (its default categories L* N* Co).</summary>
    internal static List<string> Tokens(string folded)
    {
        var tokens = new List<string>();
        var start = -1;
        for (var i = 0; i <= folded.Length; i++)
        {
            var isToken = i < folded.Length && IsTokenChar(folded[i]);
            if (isToken && start < 0)
            {
                start = i;
            }
            else if (!isToken && start >= 0)
            {
                tokens.Add(folded[start..i]);
                start = -1;
            }
        }

        return tokens;
    }

    private static bool IsTokenChar(char ch) => char.IsAsciiLetterOrDigit(ch) || (ch > 127 && CharUnicodeInfo.GetUnicodeCategory(ch) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.PrivateUse or UnicodeCategory.Surrogate => true,
        _ => false,
    });
}
