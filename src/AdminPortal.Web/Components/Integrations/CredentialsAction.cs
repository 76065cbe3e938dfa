namespace AdminPortal.Web.Components.Integrations;

/// <summary>What View credentials was closed with: its Edit Destination or Delete integration button.</summary>
public enum CredentialsAction
{
    EditDestination,
    Delete,
}
