namespace AdminPortal.Core.Exports.IntegrationEventHandlers;

/// <summary>A scheduled export that writes to an integration, as the Edit Destination and Delete warnings name it.</summary>
public sealed record LinkedExport(Guid Id, string Name, bool Paused);
