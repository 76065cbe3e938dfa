namespace AdminPortal.Core.Ledger.Matching;

/// <summary>A logs-ledger matching policy: rules tried in order, the first that matches an actor or target wins.</summary>
public sealed class MatchingPolicy
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public List<MatchingRule> Rules { get; set; } = [];
}
