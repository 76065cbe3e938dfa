namespace AdminPortal.Web.Api.Ledger;

/// <summary>How many events of the range have an actor that matched nothing.</summary>
public sealed record UnmatchedActorsResponse(long Events);
