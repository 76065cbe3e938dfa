namespace AdminPortal.CloudStorage.Tests.Infrastructure;

/// <summary>One request <see cref="LoopbackSts"/> received: its decoded form fields and the access key id that signed it.</summary>
public sealed record StsRequest(IReadOnlyDictionary<string, string> Form, string? SignedWithAccessKeyId, string? ContentType);
