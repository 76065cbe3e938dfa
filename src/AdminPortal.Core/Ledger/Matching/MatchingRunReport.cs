namespace AdminPortal.Core.Ledger.Matching;

/// <summary>What a matching run did over its range: events read, actors and targets matched, how long it took.</summary>
public sealed record MatchingRunReport(string Policy, DateTime FromUtc, DateTime ToUtc, long Events, long ActorsMatched, long TargetsMatched, TimeSpan Elapsed)
{
    public long ActorsUnmatched => Events - ActorsMatched;
}
