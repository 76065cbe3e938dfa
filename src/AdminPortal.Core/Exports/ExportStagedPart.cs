using AdminPortal.CloudStorage;

namespace AdminPortal.Core.Exports;

/// <summary>One object of a run, staged and not yet visible: its manifest entry, where the next one starts, and its upload.</summary>
internal sealed record ExportStagedPart(ExportManifestPart Part, ExportCursor End, DateTime PartitionStart, StagedUpload Upload);
