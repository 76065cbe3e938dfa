namespace AdminPortal.Core.Ledger.Import;

/// <summary>What a column of a ledger file fills in.</summary>
public enum LedgerColumn
{
    Key,
    Parent,
    Name,
    Owner,
    Sid,
    GivenName,
    FamilyName,
    Email,
    Organisation,
    Members,
}
