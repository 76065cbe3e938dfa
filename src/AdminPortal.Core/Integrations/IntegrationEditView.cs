namespace AdminPortal.Core.Integrations;

/// <summary>The start of Edit Destination and Delete: the integration and its destination as stored.</summary>
public sealed record IntegrationEditView(IntegrationSummary Integration, DestinationInput Destination);
