namespace AdminPortal.Core.Exports;

/// <summary>One object of a run: its name, partition, rows, stored bytes and the SHA-256 of those bytes.</summary>
public sealed record ExportManifestPart(
    string ObjectName,
    string Key,
    DateTime? PartitionUtc,
    int Part,
    long Rows,
    long Bytes,
    string Sha256,
    DateTime FirstEventTimeUtc,
    DateTime LastEventTimeUtc);
