using System.Text.RegularExpressions;

namespace AdminPortal.Core.Ledger.Matching;

/// <summary>
/// A rule's pattern read once: where in the event's value the compared part is. <c>{login}</c> (or <c>{name}</c>) marks
/// it; one other placeholder such as <c>{domain}</c> stands for text that is skipped.
/// </summary>
public sealed partial record MatchingPattern(PatternShape Shape, string Prefix, string Suffix, string Separator)
{
    public const string Expected = @"a pattern is PREFIX{login}SUFFIX (CONTOSO\{login}), {domain}SEPARATOR{login} ({domain}\{login}) or {login}SEPARATOR{domain} ({login}@{domain})";

    public static bool TryParse(string? text, out MatchingPattern? pattern, out string? problem)
    {
        pattern = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "Give the pattern: " + Expected + ".";
            return false;
        }

        var values = Value().Matches(text);
        var others = Placeholder().Matches(text).Where(m => !Value().IsMatch(m.Value)).ToList();
        if (values.Count != 1 || others.Count > 1)
        {
            problem = $"'{text}' is not a pattern: {Expected}.";
            return false;
        }

        var value = values[0];
        var before = text[..value.Index];
        var after = text[(value.Index + value.Length)..];
        if (others.Count == 0)
        {
            pattern = new MatchingPattern(PatternShape.Affixes, before, after, "");
            return true;
        }

        var other = others[0];
        if (other.Index == 0 && after.Length == 0 && before.Length > other.Length)
        {
            pattern = new MatchingPattern(PatternShape.AfterSeparator, "", "", before[other.Length..]);
            return true;
        }

        if (before.Length == 0 && other.Index + other.Length == text.Length && after.Length > other.Length)
        {
            pattern = new MatchingPattern(PatternShape.BeforeSeparator, "", "", after[..^other.Length]);
            return true;
        }

        problem = $"'{text}' is not a pattern: {Expected}.";
        return false;
    }

    [GeneratedRegex(@"\{(login|name)\}", RegexOptions.IgnoreCase)]
    private static partial Regex Value();

    [GeneratedRegex(@"\{[A-Za-z][A-Za-z0-9]*\}")]
    private static partial Regex Placeholder();
}
