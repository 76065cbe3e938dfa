namespace AdminPortal.CloudStorage.Gcs;

/// <summary>How the portal authenticates to GCS.</summary>
public abstract record GcsAuth;
