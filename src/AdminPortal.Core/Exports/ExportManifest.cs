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
