namespace AdminPortal.CloudStorage.S3;

/// <summary>How the portal authenticates to S3.</summary>
public abstract record S3Auth;
