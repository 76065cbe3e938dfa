namespace AdminPortal.Core.Security.Secrets;

/// <summary>One stored secret: the row it lives in, the purpose it was encrypted for, and its ciphertext.</summary>
public sealed record StoredSecret(string Id, string Purpose, EncryptedSecret Secret);
