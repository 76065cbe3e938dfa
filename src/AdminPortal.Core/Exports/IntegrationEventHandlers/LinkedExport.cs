namespace AdminPortal.Core.Exports.IntegrationEventHandlers;

/// <summary>A scheduled export that writes to an integration, as the Edit Destination and Delete warnings name it (with its workbook).</summary>
public sealed record LinkedExport(Guid Id, string Name, bool Paused, string WorkbookName);
