namespace AdminPortal.Core.Exports;

/// <summary>Retention's period and the exports holding events past it (empty: retention removes everything older than the cutoff).</summary>
public sealed record RetentionHeldBack(int Days, DateTime CutoffUtc, IReadOnlyList<RetentionHold> Holds);
