namespace AdminPortal.Core.Security.Secrets;

/// <summary>A stored secret could not be decrypted; the message never holds the secret.</summary>
public class SecretDecryptionException(string message, Exception? inner = null) : Exception(message, inner);
