namespace AdminPortal.Core.Exports;

/// <summary>
/// A window's events counted per bucket of event time (bucket = Unix milliseconds / the bucket's length), oldest first;
/// <see cref="Capped"/> when the window holds more buckets than were asked for (the list then holds the oldest ones).
/// </summary>
public sealed record ExportEventBuckets(IReadOnlyList<(long Bucket, long Rows)> Buckets, bool Capped);
