namespace AdminPortal.Core.Integrations;

/// <summary>The cloud an integration writes to; it never changes (changing cloud is delete and create).</summary>
public enum IntegrationCloud
{
    Aws,
    Azure,
    Gcp,
}
