namespace AdminPortal.CloudStorage.Network;

/// <summary>
/// Which endpoints other than the clouds' own an integration may name (setting <c>Integrations:CustomEndpoints</c>).
/// Off by default: a service URL is then refused, and the portal talks only to AWS, Azure and Google themselves.
/// </summary>
public sealed class CustomEndpointsOptions
{
    /// <summary>Lets integrations set a service URL (an S3-compatible store, Azurite, a GCS emulator).</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Host names or IP addresses (exact, or <c>*.example.com</c> for any name under it) that a custom endpoint may
    /// name, and the only hosts the portal connects to at a loopback or private address (a cloud's private endpoint
    /// included). Link-local and metadata addresses are refused whatever this lists.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];
}
