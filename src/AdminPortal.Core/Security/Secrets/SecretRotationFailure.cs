namespace AdminPortal.Core.Security.Secrets;

/// <summary>A secret rotation could not re-encrypt: the row and why (never the secret).</summary>
public sealed record SecretRotationFailure(string Store, string Id, string Reason);
