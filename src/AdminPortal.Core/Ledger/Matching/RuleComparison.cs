namespace AdminPortal.Core.Ledger.Matching;

/// <summary>How a rule compares the event's first parameter (login, target name) with the ledger attribute.</summary>
public enum RuleComparison
{
    /// <summary>Equal, character for character.</summary>
    Exact,

    /// <summary>Equal once both are lower-cased by the database (SQLite folds ASCII letters only).</summary>
    CaseInsensitive,

    /// <summary>The value is read through the rule's pattern (<c>{domain}\{login}</c>, <c>{login}@{domain}</c>, <c>CONTOSO\{login}</c>), ignoring case.</summary>
    Pattern,

    /// <summary>The value is a security identifier (S-1-5-…) compared with accounts' SIDs, ignoring case.</summary>
    Sid,
}
