using AdminPortal.CloudStorage.Policies;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Core.Users;

namespace AdminPortal.Core.Integrations;

/// <summary>Where an integration writes; fields a cloud does not use stay empty.</summary>
public sealed record DestinationInput
{
    /// <summary>The S3 or GCS bucket, or the Azure container.</summary>
    public string Bucket { get; init; } = "";

    /// <summary>The Azure storage account.</summary>
    public string? AccountName { get; init; }

    public string Prefix { get; init; } = "";

    /// <summary>The S3 region.</summary>
    public string? Region { get; init; }

    /// <summary>An S3-compatible store, an Azure blob endpoint (Azurite) or a GCS emulator.</summary>
    public string? ServiceUrl { get; init; }

    public bool PathStyle { get; init; }
}

/// <summary>The "Create a storage integration for audit logs" form.</summary>
public sealed record CreateIntegrationCommand
{
    /// <summary>Empty: a generated name such as s3_audit_logs_1.</summary>
    public string? Name { get; init; }

    public IntegrationAuthMethod AuthMethod { get; init; }
    public DestinationInput Destination { get; init; } = new();
    public string? RoleArn { get; init; }
    public string? TenantId { get; init; }
    public string? AccessKeyId { get; init; }

    /// <summary>The method's secret (secret access key, account key, SAS token or key JSON).</summary>
    public WriteOnlySecret Secret { get; init; } = WriteOnlySecret.Empty;
}

/// <summary>The Edit Destination form: the same cloud, a new bucket/prefix, and what happens to linked exports.</summary>
public sealed record EditDestinationCommand
{
    public IntegrationCloud Cloud { get; init; }
    public DestinationInput Destination { get; init; } = new();

    /// <summary>Ticked: linked scheduled exports are re-pointed; unticked: they are paused.</summary>
    public bool UpdateLinkedExports { get; init; }

    /// <summary>
    /// The method's secret, typed again: required when the service URL or account changes (a stored secret is only
    /// ever sent where it was entered); empty keeps the stored one otherwise.
    /// </summary>
    public WriteOnlySecret Secret { get; init; } = WriteOnlySecret.Empty;

    /// <summary>A new access key id for an access key integration; null keeps the stored one.</summary>
    public string? AccessKeyId { get; init; }
}

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

/// <summary>The start of Edit Destination and Delete: the stored destination and the names of the linked scheduled exports.</summary>
public sealed record IntegrationEditView(IntegrationSummary Integration, DestinationInput Destination, IReadOnlyList<string> LinkedExports);

/// <summary>What an Auditor may see: enough to pick an integration for an export.</summary>
public sealed record IntegrationName(Guid Id, string Name, IntegrationCloud Cloud, string? LastTestStatus);

/// <summary>The outcome of create, test or edit: messages per field, or the integration as saved.</summary>
public sealed record IntegrationOutcome(OperationResult Result, IntegrationSummary? Integration)
{
    public bool Succeeded => Result.Succeeded;

    internal static IntegrationOutcome Fail(OperationResult result) => new(result, null);

    internal static IntegrationOutcome Fail(string field, string message) => new(OperationResult.Fail(field, message), null);
}

/// <summary>
/// View credentials: the integration's destination, the portal's identities to grant, and ready-to-paste documents.
/// Secrets entered by the user appear only as <see cref="WriteOnlySecret.Stored"/>.
/// </summary>
public sealed record IntegrationCredentials(
    string Name,
    IntegrationCloud Cloud,
    IntegrationAuthMethod AuthMethod,
    string Destination,
    DestinationInput DestinationFields,
    string? RoleArn,
    string? TenantId,
    string? AccessKeyId,
    WriteOnlySecret Secret,
    string? ExternalId,
    string? PortalIamUserArn,
    string? AzureAppName,
    string? AzureAppClientId,
    string? AzureConsentUrl,
    string? GcpServiceAccount,
    AwsPolicySet? Aws,
    AzurePolicySet? Azure,
    GcpPolicySet? Gcp,
    string? PortalIdentityNotice = null);
