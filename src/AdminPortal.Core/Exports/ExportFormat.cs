namespace AdminPortal.Core.Exports;

/// <summary>What an export writes: one row per line (CSV, JSON Lines) or one JSON array per object.</summary>
public enum ExportFormat
{
    Csv,
    JsonLines,
    Json,
}
