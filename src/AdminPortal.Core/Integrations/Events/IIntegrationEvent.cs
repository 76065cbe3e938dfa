namespace AdminPortal.Core.Integrations.Events;

/// <summary>Something an Admin did to an integration that the features writing to integrations (exports) must follow.</summary>
public interface IIntegrationEvent
{
    Guid IntegrationId { get; }

    string IntegrationName { get; }

    /// <summary>The acting Admin, named in the audit events of what the handlers change.</summary>
    string Actor { get; }

    /// <summary>One sentence saying what happened, shown on what the handlers change (a paused export's reason).</summary>
    string Reason { get; }
}
