namespace AdminPortal.Core.Ledger.Matching;

/// <summary>The three shapes of a rule's pattern.</summary>
public enum PatternShape
{
    /// <summary><c>CONTOSO\{login}</c>, <c>{login}@corp.example</c>: fixed text around the value.</summary>
    Affixes,

    /// <summary><c>{domain}\{login}</c>: the value follows the first separator.</summary>
    AfterSeparator,

    /// <summary><c>{login}@{domain}</c>: the value comes before the first separator.</summary>
    BeforeSeparator,
}
