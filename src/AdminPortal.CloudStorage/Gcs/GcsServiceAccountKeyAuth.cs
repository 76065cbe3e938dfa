namespace AdminPortal.CloudStorage.Gcs;

/// <summary>A service account's JSON key, as downloaded from the console.</summary>
public sealed record GcsServiceAccountKeyAuth(string KeyJson) : GcsAuth
{
    public override string ToString() => $"{nameof(GcsServiceAccountKeyAuth)} {{ KeyJson = *** }}";
}
