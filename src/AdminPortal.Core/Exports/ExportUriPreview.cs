namespace AdminPortal.Core.Exports;

/// <summary>The object name a template gives now, or why it gives none.</summary>
public sealed record ExportUriPreview(string? ObjectName, IReadOnlyList<string> Errors);
