namespace AdminPortal.Core.Ledger.Matching;

/// <summary>A matching policy as an Admin writes it: saving a name that exists replaces that policy's rules.</summary>
public sealed record SaveMatchingPolicyCommand(string Name, string? Description, IReadOnlyList<MatchingRuleInput> Rules);
