namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>Temporary credentials <see cref="LoopbackSts"/> granted.</summary>
public sealed record StsCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, DateTime Expiration);
