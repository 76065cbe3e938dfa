namespace AdminPortal.Core.Exports;

/// <summary>
/// The events of a run: row ids after <see cref="AfterEventRowId"/> (the previous watermark) up to and including
/// <see cref="ToEventRowId"/>, with those rows' ingestion times; for a snapshot, the event-time range too.
/// </summary>
public sealed record ExportManifestWindow(
    long? AfterEventRowId,
    DateTime? AfterIngestedAtUtc,
    long ToEventRowId,
    DateTime? ToIngestedAtUtc,
    DateTime? FromEventTimeUtc,
    DateTime? ToEventTimeUtc);
