using System.Text.Json;

namespace AdminPortal.Cli.ExportConfigs;

/// <summary>One top-level field of an exportConfig file and the line it is on (1-based).</summary>
public sealed record ExportConfigField(string Name, JsonElement Value, int Line);
