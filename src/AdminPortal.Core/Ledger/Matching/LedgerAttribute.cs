namespace AdminPortal.Core.Ledger.Matching;

/// <summary>The ledger attribute a rule compares the event's first parameter with.</summary>
public enum LedgerAttribute
{
    /// <summary>The entity's key: an account's login, an identity's HR code, a group's or application's code.</summary>
    Key,

    /// <summary>The entity's name: an identity's full name, another entity's name column.</summary>
    Name,

    /// <summary>An identity's e-mail address.</summary>
    Email,
}
