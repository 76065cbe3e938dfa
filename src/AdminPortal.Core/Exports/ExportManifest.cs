using System.Text.Json;
using System.Text.Json.Serialization;

namespace AdminPortal.Core.Exports;

/// <summary>
/// The last object a run writes: which objects make up the run, their rows, sizes and SHA-256, and the window. A
/// consumer that reads manifests never sees a half-delivered run: until the manifest exists, the run did not happen.
/// </summary>
public sealed record ExportManifest(
    int Version,
    Guid ScheduleId,
    string ScheduleName,
    Guid RunId,
    string Run,
    string Mode,
    string Format,
    bool Gzip,
    IReadOnlyList<string> Columns,
    ExportManifestWindow Window,
    DateTime CreatedAtUtc,
    long Rows,
    long Bytes,
    IReadOnlyList<ExportManifestPart> Parts)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ExportManifest? Parse(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<ExportManifest>(utf8, Json);
}

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
