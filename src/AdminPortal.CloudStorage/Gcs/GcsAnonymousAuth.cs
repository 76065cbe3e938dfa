namespace AdminPortal.CloudStorage.Gcs;

/// <summary>No credentials: only for an emulator, which checks none.</summary>
public sealed record GcsAnonymousAuth : GcsAuth;
