namespace AdminPortal.Core.Integrations;

/// <summary>One integration as the Audit Logging settings list it.</summary>
public sealed record IntegrationSummary(
    Guid Id, string Name, IntegrationCloud Cloud, IntegrationAuthMethod AuthMethod, string Destination,
    string? LastTestStatus, string? LastTestHint, DateTime? LastTestedAtUtc, int ConsecutiveFailures,
    DateTime CreatedAtUtc, string CreatedBy, DateTime UpdatedAtUtc)
{
    public bool LastTestSucceeded => LastTestStatus == CloudStorage.ConnectionTestResult.SuccessStatus;

    internal static IntegrationSummary Of(StorageIntegration i) => new(
        i.Id, i.Name, i.Cloud, i.AuthMethod, i.DisplayDestination, i.LastTestStatus, i.LastTestHint, i.LastTestedAtUtc,
        i.ConsecutiveFailures, i.CreatedAtUtc, i.CreatedBy, i.UpdatedAtUtc);
}
