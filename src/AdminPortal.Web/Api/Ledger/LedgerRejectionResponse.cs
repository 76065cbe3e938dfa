namespace AdminPortal.Web.Api.Ledger;

/// <summary>A rejected line of a ledger file: "line 4: owner E999 is not an identity of the ledger …".</summary>
public sealed record LedgerRejectionResponse(int Line, string Reason);
