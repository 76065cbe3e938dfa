namespace AdminPortal.CloudStorage.Network;

/// <summary>The portal refused to connect to an address (metadata, link-local, or private without being allowed); nothing was sent.</summary>
public sealed class EndpointRefusedException(string message) : Exception(message);
