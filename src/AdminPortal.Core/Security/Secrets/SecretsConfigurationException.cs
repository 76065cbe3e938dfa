namespace AdminPortal.Core.Security.Secrets;

/// <summary>The secrets settings or key file are wrong; the message says what to change. The portal does not start.</summary>
public sealed class SecretsConfigurationException(string message) : Exception(message);
