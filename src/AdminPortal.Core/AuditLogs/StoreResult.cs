namespace AdminPortal.Core.AuditLogs;

/// <summary>The outcome of storing a batch: how many rows were new, and the event ids that were already stored.</summary>
public sealed record StoreResult(int Stored, IReadOnlyList<string> Duplicates);
