using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.AzureBlob;
using AdminPortal.CloudStorage.Connection;
using AdminPortal.CloudStorage.Gcs;
using AdminPortal.CloudStorage.Network;
using AdminPortal.CloudStorage.Policies;
using AdminPortal.CloudStorage.S3;
using AdminPortal.Core.AuditLogs;
using AdminPortal.Core.Data;
using AdminPortal.Core.Notifications;
using AdminPortal.Core.Security;
using AdminPortal.Core.Security.Secrets;
using AdminPortal.Core.Users;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// Audit log storage integrations: create, list, view credentials, test, edit destination, delete.
/// Admins only, checked here; Auditors may list names and status to pick one for an export.
/// </summary>
public sealed partial class IntegrationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CloudStorageFactory storages,
    IValidator<StorageDestination> destinationValidator,
    SecretProtector protector,
    UserSessions sessions,
    PortalAuditLog audit,
    ILinkedExports linkedExports,
    NotificationService notifications,
    IPortalLinks links,
    IOptions<IntegrationsOptions> options,
    TimeProvider clock,
    ILogger<IntegrationService> logger)
{
    public const int MaxNameLength = 64;

    /// <summary>The actor of the periodic health check in the audit log.</summary>
    public const string HealthCheckActor = "system:health-check";

    private IntegrationsOptions Settings => options.Value;

    /// <summary>Names and status only, for Admins and Auditors choosing an export's destination.</summary>
    public async Task<IReadOnlyList<IntegrationName>> ListNamesAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        if (!actor.IsInRole(PortalRoles.Admin) && !actor.IsInRole(PortalRoles.Auditor))
        {
            throw new UnauthorizedAccessException("Only Admins and Auditors may see storage integrations.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.StorageIntegrations.AsNoTracking().OrderBy(i => i.Name)
            .Select(i => new IntegrationName(i.Id, i.Name, i.Cloud, i.LastTestStatus)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<IntegrationSummary>> ListAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageIntegrations, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.StorageIntegrations.AsNoTracking().OrderBy(i => i.Name).ToListAsync(ct);
        return rows.Select(IntegrationSummary.Of).ToList();
    }

    /// <summary>For each method that acts with the portal's own identity and lacks it: the one line saying which settings to set (the Add form shows it).</summary>
    public async Task<IReadOnlyDictionary<IntegrationAuthMethod, string>> MissingPortalIdentitiesAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageIntegrations, ct);
        return new[] { IntegrationAuthMethod.AwsRole, IntegrationAuthMethod.AzureApplication, IntegrationAuthMethod.GcpPortalServiceAccount }
            .Select(m => (Method: m, Missing: IntegrationDestinations.MissingPortalSetting(m, Settings, hasEndpoint: false)))
            .Where(m => m.Missing is not null)
            .ToDictionary(m => m.Method, m => m.Missing!);
    }

    /// <summary>The name the Add form proposes: the first free "&lt;cloud&gt;_audit_logs_N".</summary>
    public async Task<string> SuggestNameAsync(ClaimsPrincipal actor, IntegrationCloud cloud, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageIntegrations, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FreeNameAsync(db, cloud, ct);
    }

    public async Task<IntegrationOutcome> CreateAsync(ClaimsPrincipal actor, CreateIntegrationCommand command, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageIntegrations, ct);
        var cloud = StorageIntegration.CloudOf(command.AuthMethod);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = string.IsNullOrWhiteSpace(command.Name) ? await FreeNameAsync(db, cloud, ct) : command.Name.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var integration = new StorageIntegration
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Name = name,
            AuthMethod = command.AuthMethod,
            Cloud = cloud,
            RoleArn = Trimmed(command.RoleArn),
            TenantId = Trimmed(command.TenantId),
            AccessKeyId = Trimmed(command.AccessKeyId),
            ExternalId = cloud == IntegrationCloud.Aws ? NewExternalId() : null,
            CreatedAtUtc = now,
            CreatedBy = ActorName(actor),
            UpdatedAtUtc = now,
        };
        SetDestination(integration, command.Destination);

        var secretField = StorageIntegration.SecretField(command.AuthMethod);
        var secret = secretField is not null && command.Secret.HasNewValue ? command.Secret.RevealNewValue() : null;
        var errors = NameErrors(name).ToList();
        if (errors.Count == 0 && await db.StorageIntegrations.AnyAsync(i => i.Name == name, ct))
        {
            errors.Add(("Name", $"An integration named \"{name}\" already exists: choose another name."));
        }

        errors.AddRange(await DestinationErrorsAsync(integration, secret, ct));
        if (errors.Count > 0)
        {
            return IntegrationOutcome.Fail(OperationResult.Fail(errors));
        }

        if (secretField is not null && secret is not null)
        {
            integration.EncryptedSecret = protector.Protect(secret, StorageIntegration.SecretPurpose(integration.Id, secretField)).ToString();
        }

        Record(integration, await TestAsync(integration, secret, ct));
        db.StorageIntegrations.Add(integration);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 19 })
        {
            // SQLITE_CONSTRAINT: another Admin saved the same name between the check and the insert (the key is a fresh GUID v7).
            return IntegrationOutcome.Fail("Name", $"An integration named \"{name}\" already exists: choose another name.");
        }

        await AuditAsync(actor, "IntegrationCreated", "Storage integration created", "create", integration,
            $"{integration.Cloud} {integration.AuthMethod} {integration.DisplayDestination}; test: {integration.LastTestStatus}", ct);
        await ConfirmAsync(actor, "Storage integration created",
            $"The storage integration \"{integration.Name}\" ({integration.Cloud.Label()}, {integration.DisplayDestination}) was created. Connection test: {integration.LastTestStatus}.", integration, ct);
        return new IntegrationOutcome(OperationResult.Success, IntegrationSummary.Of(integration));
    }

    /// <summary>What Edit Destination and Delete start from: the destination as stored and the linked scheduled exports.</summary>
    public async Task<IntegrationEditView?> GetForEditAsync(ClaimsPrincipal actor, Guid id, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageIntegrations, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        return i is null ? null : new IntegrationEditView(
            IntegrationSummary.Of(i),
            new DestinationInput { Bucket = i.Bucket, AccountName = i.AccountName, Prefix = i.Prefix, Region = i.Region, ServiceUrl = i.ServiceUrl, PathStyle = i.PathStyle },
            await linkedExports.ListAsync(id, ct));
    }

    /// <summary>View credentials: what the customer grants, and the documents that grant it. Never a stored secret.</summary>
    public async Task<IntegrationCredentials?> GetCredentialsAsync(ClaimsPrincipal actor, Guid id, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageIntegrations, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return null;
        }

        var settings = Settings;
        // The secret is not decrypted: the documents depend on the method and destination only.
        var destination = IntegrationDestinations.Build(i, secret: null, settings);
        AwsPolicySet? aws = null;
        AzurePolicySet? azure = null;
        GcpPolicySet? gcp = null;
        string? consentUrl = null;
        switch (destination)
        {
            case S3Destination s3:
                aws = PolicyDocuments.ForS3(s3, Or(settings.AwsIamUserArn, "<the portal's IAM user ARN>"), i.ExternalId ?? "");
                break;
            case AzureBlobDestination blob:
                azure = PolicyDocuments.ForAzure(blob, Or(settings.AzureAppClientId, "<application-id>"), Or(settings.AzureAppName, "AdminPortal"), tenantId: i.TenantId);
                consentUrl = string.IsNullOrEmpty(settings.AzureConsentUrl)
                    ? azure.ConsentUrl
                    : settings.AzureConsentUrl
                        .Replace("{tenantId}", Uri.EscapeDataString(i.TenantId ?? "organizations"), StringComparison.Ordinal)
                        .Replace("{clientId}", Uri.EscapeDataString(Or(settings.AzureAppClientId, "<application-id>")), StringComparison.Ordinal);
                azure = azure with { ConsentUrl = consentUrl };
                break;
            case GcsDestination gcs:
                gcp = PolicyDocuments.ForGcs(gcs, Or(settings.GcpServiceAccount, "<the portal's service account>"), "<project-id>");
                break;
        }

        var notice = i.AuthMethod switch
        {
            IntegrationAuthMethod.AwsRole when string.IsNullOrWhiteSpace(settings.AwsIamUserArn) =>
                "The portal's IAM user is not configured, so the trust policy's Principal is a placeholder: set Integrations:AwsIamUserArn "
                + "(with Integrations:AwsIamUserAccessKeyId and Integrations:AwsIamUserSecretAccessKey) and open View credentials again.",
            _ => IntegrationDestinations.MissingPortalSetting(i.AuthMethod, settings, !string.IsNullOrWhiteSpace(i.ServiceUrl)),
        };

        await AuditAsync(actor, "IntegrationCredentialsViewed", "Storage integration credentials viewed", "read", i, null, ct);
        return new IntegrationCredentials(
            i.Name, i.Cloud, i.AuthMethod, i.DisplayDestination,
            new DestinationInput { Bucket = i.Bucket, AccountName = i.AccountName, Prefix = i.Prefix, Region = i.Region, ServiceUrl = i.ServiceUrl, PathStyle = i.PathStyle },
            i.RoleArn, i.TenantId, i.AccessKeyId,
            i.EncryptedSecret is null ? WriteOnlySecret.Empty : WriteOnlySecret.Stored,
            i.ExternalId,
            i.Cloud == IntegrationCloud.Aws ? settings.AwsIamUserArn : null,
            i.Cloud == IntegrationCloud.Azure ? settings.AzureAppName : null,
            i.Cloud == IntegrationCloud.Azure ? settings.AzureAppClientId : null,
            consentUrl,
            i.Cloud == IntegrationCloud.Gcp ? settings.GcpServiceAccount : null,
            aws, azure, gcp, notice);
    }

    /// <summary>Test connection: writes, reads back and deletes a probe object, and stores SUCCESS or the cloud's error.</summary>
    public async Task<IntegrationOutcome> TestAsync(ClaimsPrincipal actor, Guid id, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageIntegrations, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return IntegrationOutcome.Fail("", "That integration no longer exists.");
        }

        var result = await RetestAsync(i, ct);
        await db.SaveChangesAsync(ct);
        await AuditAsync(actor, "IntegrationTested", "Storage integration tested", "test", i, $"test: {i.LastTestStatus}", ct, result.Success);
        return new IntegrationOutcome(OperationResult.Success, IntegrationSummary.Of(i));
    }

    /// <summary>Edit Destination: same cloud and method, a new bucket/prefix; linked exports are re-pointed or paused; then re-tested.</summary>
    public async Task<IntegrationOutcome> EditDestinationAsync(ClaimsPrincipal actor, Guid id, EditDestinationCommand command, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageIntegrations, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return IntegrationOutcome.Fail("", "That integration no longer exists.");
        }

        if (command.Cloud != i.Cloud)
        {
            return IntegrationOutcome.Fail(nameof(EditDestinationCommand.Cloud),
                $"An integration's cloud cannot change: \"{i.Name}\" stays on {i.Cloud.Label()}. To export to {command.Cloud.Label()}, delete this integration and create a new one.");
        }

        var old = i.DisplayDestination;
        var audience = IntegrationDestinations.SecretAudience(i);
        SetDestination(i, command.Destination);
        if (i.AuthMethod == IntegrationAuthMethod.AwsAccessKey && !string.IsNullOrWhiteSpace(command.AccessKeyId))
        {
            i.AccessKeyId = command.AccessKeyId.Trim();
        }

        var secretField = StorageIntegration.SecretField(i.AuthMethod);
        var newSecret = secretField is not null && command.Secret.HasNewValue ? command.Secret.RevealNewValue() : null;
        if (secretField is not null && newSecret is null && i.EncryptedSecret is not null && IntegrationDestinations.SecretAudience(i) != audience)
        {
            // A stored secret is only ever sent where it was entered: a new host must not receive it (a SAS token rides in the URL).
            return IntegrationOutcome.Fail(nameof(EditDestinationCommand.Secret),
                $"The service URL or account changed: enter the {SecretLabel(i.AuthMethod)} again. The stored one is only sent to the endpoint it was entered for.");
        }

        var (secret, problem) = newSecret is not null ? (newSecret, null) : Decrypt(i);
        var errors = (await DestinationErrorsAsync(i, secret ?? Placeholder(i), ct)).ToList();
        if (errors.Count > 0)
        {
            return IntegrationOutcome.Fail(OperationResult.Fail(errors));
        }

        if (newSecret is not null)
        {
            i.EncryptedSecret = protector.Protect(newSecret, StorageIntegration.SecretPurpose(i.Id, secretField!)).ToString();
        }

        i.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        Record(i, problem ?? await TestAsync(i, secret, ct));
        await db.SaveChangesAsync(ct);

        var reason = $"The destination of integration \"{i.Name}\" changed from {old} to {i.DisplayDestination}.";
        var linked = command.UpdateLinkedExports
            ? await linkedExports.RepointAsync(i.Id, reason, ct)
            : await linkedExports.PauseAsync(i.Id, reason, ct);
        var outcome = command.UpdateLinkedExports ? "re-pointed to the new destination" : "paused";

        await AuditAsync(actor, "IntegrationDestinationEdited", "Storage integration destination edited", "update", i,
            $"{LinkedCount(linked, command.UpdateLinkedExports ? "re-pointed" : "paused")}; test: {i.LastTestStatus}", ct, oldValue: old, newValue: i.DisplayDestination);
        await ConfirmAsync(actor, "Cloud destination updated",
            $"{reason}{LinkedSentence(linked, outcome)} Connection test: {i.LastTestStatus}.", i, ct);
        return new IntegrationOutcome(OperationResult.Success, IntegrationSummary.Of(i));
    }

    /// <summary>Deletes the integration; linked exports are deleted (checkbox ticked) or paused.</summary>
    public async Task<OperationResult> DeleteAsync(ClaimsPrincipal actor, Guid id, bool deleteLinkedExports = false, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, ManageIntegrations, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return OperationResult.Fail("", "That integration no longer exists.");
        }

        var reason = $"Integration \"{i.Name}\" was deleted.";
        var linked = deleteLinkedExports
            ? await linkedExports.DeleteAsync(i.Id, reason, ct)
            : await linkedExports.PauseAsync(i.Id, reason, ct);
        var outcome = deleteLinkedExports ? "deleted" : "paused";

        db.StorageIntegrations.Remove(i);
        await db.SaveChangesAsync(ct);
        await AuditAsync(actor, "IntegrationDeleted", "Storage integration deleted", "delete", i,
            LinkedCount(linked, outcome), ct, oldValue: i.DisplayDestination);
        await ConfirmAsync(actor, "Integration deleted",
            $"{reason} Its destination was {i.DisplayDestination}.{LinkedSentence(linked, outcome)}", i, ct);
        return OperationResult.Success;
    }

    /// <summary>Opens the integration's storage for an export run, or says why it cannot (gone, secret unreadable, portal setting missing).</summary>
    internal async Task<Exports.ExportDestination> OpenForExportAsync(Guid id, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return new(null, null, "The storage integration of this export no longer exists.");
        }

        var settings = Settings;
        if (IntegrationDestinations.MissingPortalSetting(i.AuthMethod, settings, !string.IsNullOrEmpty(i.ServiceUrl)) is { } missing)
        {
            return new(null, i, missing);
        }

        var (secret, problem) = Decrypt(i);
        if (problem is not null)
        {
            return new(null, i, $"{problem.Status} {problem.Hint}");
        }

        try
        {
            return new(storages.Create(IntegrationDestinations.Build(i, secret, settings, await PortalGcpKeyAsync(i, ct))), i, null);
        }
        catch (EndpointRefusedException e)
        {
            return new(null, i, e.Message);
        }
    }

    /// <summary>The portal's own Google key, read only for the real GCS: a custom endpoint never gets it (nor a token made with it).</summary>
    private async Task<string?> PortalGcpKeyAsync(StorageIntegration i, CancellationToken ct) =>
        i.AuthMethod == IntegrationAuthMethod.GcpPortalServiceAccount && string.IsNullOrWhiteSpace(i.ServiceUrl)
            && !string.IsNullOrEmpty(Settings.GcpServiceAccountKeyFile)
            ? await File.ReadAllTextAsync(Settings.GcpServiceAccountKeyFile, ct)
            : null;

    /// <summary>
    /// The periodic health check: re-tests every integration whose last test is older than the interval
    /// (so a restart does not re-test everything), and tells every Admin of each failure with the cloud's error.
    /// </summary>
    public async Task<int> CheckDueAsync(CancellationToken ct)
    {
        var dueBefore = clock.GetUtcNow().UtcDateTime - TimeSpan.FromHours(Settings.HealthCheckIntervalHours);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.StorageIntegrations.Where(i => i.LastTestedAtUtc == null || i.LastTestedAtUtc <= dueBefore)
            .OrderBy(i => i.Name).ToListAsync(ct);
        foreach (var i in due)
        {
            var result = await RetestAsync(i, ct);
            await db.SaveChangesAsync(ct);
            await AuditAsync(HealthCheckActor, "IntegrationHealthChecked", "Storage integration health check", "test", i, $"test: {i.LastTestStatus}", ct, result.Success);
            if (!result.Success)
            {
                logger.LogWarning("Health check of integration {IntegrationName} failed ({ConsecutiveFailures} in a row)", i.Name, i.ConsecutiveFailures);
                await notifications.NotifyAdminsAsync(new NotificationMessage(
                    $"Storage integration \"{i.Name}\" failed its health check",
                    $"The periodic test of {i.DisplayDestination} failed ({i.ConsecutiveFailures} failure{(i.ConsecutiveFailures == 1 ? "" : "s")} in a row).\n" +
                    $"The cloud said: {result.Status}\n{(result.Hint is null ? "" : $"Hint: {result.Hint}\n")}Scheduled exports to it will fail until it is fixed.",
                    Notifications.NotificationSeverity.Error, links.IntegrationSettings), ct);
            }
        }

        return due.Count;
    }

    /// <summary>32 random bytes, base64url: unguessable, and within the characters STS accepts.</summary>
    internal static string NewExternalId() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    internal static IEnumerable<(string Field, string Message)> NameErrors(string name)
    {
        if (!NameShape().IsMatch(name))
        {
            yield return ("Name", $"An integration name is 3 to {MaxNameLength} lowercase letters, digits and underscores, starting with a letter (such as s3_audit_logs_1).");
        }
    }

    private async Task<IEnumerable<(string Field, string Message)>> DestinationErrorsAsync(StorageIntegration i, string? secret, CancellationToken ct)
    {
        var destination = IntegrationDestinations.Build(i, secret, Settings);
        var result = await destinationValidator.ValidateAsync(destination, ct);
        var errors = result.Errors.Select(IntegrationDestinations.ToFormField).ToList();
        if (!string.IsNullOrWhiteSpace(i.ServiceUrl) && errors.All(e => e.Field != nameof(DestinationInput.ServiceUrl)))
        {
            if (IntegrationDestinations.UsesPortalIdentity(i.AuthMethod))
            {
                errors.Add((nameof(DestinationInput.ServiceUrl), i.Cloud == IntegrationCloud.Aws
                    ? "A role is assumed with the portal's own AWS identity, which is only used with AWS itself: leave the service URL empty (a self-hosted store takes an access key)."
                    : "The portal's own Azure application is only used with Azure itself: leave the service URL empty (Azurite takes an account key or a SAS token)."));
            }
            else if (storages.Endpoints.CustomEndpointProblem(i.ServiceUrl) is { } problem)
            {
                errors.Add((nameof(DestinationInput.ServiceUrl), problem));
            }
        }

        return errors;
    }

    private static string SecretLabel(IntegrationAuthMethod method) => method switch
    {
        IntegrationAuthMethod.AwsAccessKey => "secret access key",
        IntegrationAuthMethod.AzureAccountKey => "account key",
        IntegrationAuthMethod.AzureSas => "SAS token",
        _ => "service account key JSON",
    };

    private async Task<ConnectionTestResult> TestAsync(StorageIntegration i, string? secret, CancellationToken ct)
    {
        var settings = Settings;
        if (IntegrationDestinations.MissingPortalSetting(i.AuthMethod, settings, !string.IsNullOrEmpty(i.ServiceUrl)) is { } missing)
        {
            return new ConnectionTestResult(false, missing, IntegrationDestinations.MissingPortalSettingHint);
        }

        try
        {
            using var storage = storages.Create(IntegrationDestinations.Build(i, secret, settings, await PortalGcpKeyAsync(i, ct)));
            return await storage.TestConnectionAsync(ct);
        }
        catch (Exception e) when (e is CloudStorageException or EndpointRefusedException)
        {
            // Refused before any request: a custom endpoint not allowed, a key whose token_uri is not Google's.
            return new ConnectionTestResult(false, ErrorText.Clip(e.Message) ?? e.GetType().Name, CloudStorageErrors.Hint(e));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Opening the client failed before any request (a key JSON the SDK rejects, a key file missing).
            var errorId = Guid.NewGuid().ToString("N")[..8];
            logger.LogWarning(e, "Connection test of integration {IntegrationName} could not start (error {ErrorId})", i.Name, errorId);
            return new ConnectionTestResult(false, ErrorText.Clip(e.Message) ?? e.GetType().Name, $"The portal could not prepare the connection; its log has error {errorId}.");
        }
    }

    /// <summary>Test connection with the stored secret (or why it cannot be read), recorded on the integration.</summary>
    private async Task<ConnectionTestResult> RetestAsync(StorageIntegration i, CancellationToken ct)
    {
        var (secret, problem) = Decrypt(i);
        var result = problem ?? await TestAsync(i, secret, ct);
        Record(i, result);
        return result;
    }

    private (string? Secret, ConnectionTestResult? Problem) Decrypt(StorageIntegration i)
    {
        var field = StorageIntegration.SecretField(i.AuthMethod);
        if (field is null || i.EncryptedSecret is null)
        {
            return (null, null);
        }

        try
        {
            return (protector.Unprotect(EncryptedSecret.Parse(i.EncryptedSecret), StorageIntegration.SecretPurpose(i.Id, field)), null);
        }
        catch (Exception e) when (e is SecretDecryptionException or SecretKeyNotFoundException or FormatException)
        {
            return (null, new ConnectionTestResult(false, e.Message, "The stored secret cannot be read: delete the integration and create it again with the secret."));
        }
    }

    /// <summary>Stands in for a stored secret that could not be decrypted, so editing the destination is still validated.</summary>
    private static string? Placeholder(StorageIntegration i) => i.EncryptedSecret is null ? null : i.AuthMethod switch
    {
        IntegrationAuthMethod.AzureAccountKey => Convert.ToBase64String(new byte[64]),
        IntegrationAuthMethod.AzureSas => "sv=stored&sig=stored",
        IntegrationAuthMethod.GcpServiceAccountKey => null,
        _ => "stored",
    };

    private void Record(StorageIntegration i, ConnectionTestResult result) => i.RecordTest(result, clock.GetUtcNow().UtcDateTime);

    private static void SetDestination(StorageIntegration i, DestinationInput d)
    {
        i.Bucket = d.Bucket?.Trim() ?? "";
        i.Prefix = d.Prefix?.Trim() ?? "";
        i.AccountName = i.Cloud == IntegrationCloud.Azure ? Trimmed(d.AccountName) : null;
        i.Region = i.Cloud == IntegrationCloud.Aws ? Trimmed(d.Region) : null;
        i.ServiceUrl = Trimmed(d.ServiceUrl);
        i.PathStyle = i.Cloud == IntegrationCloud.Aws && d.PathStyle;
    }


    private static async Task<string> FreeNameAsync(PortalDbContext db, IntegrationCloud cloud, CancellationToken ct)
    {
        var stem = cloud switch { IntegrationCloud.Aws => "s3", IntegrationCloud.Azure => "azure", _ => "gcs" } + "_audit_logs_";
        var taken = (await db.StorageIntegrations.Where(i => i.Name.StartsWith(stem)).Select(i => i.Name).ToListAsync(ct)).ToHashSet();
        var n = 1;
        while (taken.Contains(stem + n))
        {
            n++;
        }

        return stem + n;
    }

    private Task AuditAsync(ClaimsPrincipal actor, string code, string label, string action, StorageIntegration i, string? details,
        CancellationToken ct, bool success = true, string? oldValue = null, string? newValue = null) =>
        AuditAsync(ActorName(actor), code, label, action, i, details, ct, success, oldValue, newValue);

    private Task AuditAsync(string actor, string code, string label, string action, StorageIntegration i, string? details,
        CancellationToken ct, bool success = true, string? oldValue = null, string? newValue = null) =>
        audit.WriteAsync(new PortalAuditEntry(code, label, action, "integrations", actor, success,
            AuditTargetType.Repository, i.Name, Details: details, OldValue: oldValue, NewValue: newValue), ct);

    /// <summary>The confirmation of create, edit and delete: in the acting Admin's bell, and by e-mail when it is configured.</summary>
    private Task ConfirmAsync(ClaimsPrincipal actor, string title, string message, StorageIntegration i, CancellationToken ct) =>
        notifications.NotifyAsync(ActorName(actor), new NotificationMessage(title, message, Notifications.NotificationSeverity.Success, links.IntegrationSettings), ct);

    private static string ActorName(ClaimsPrincipal actor) => actor.Identity?.Name ?? "";

    /// <summary>The confirmation's sentence about linked exports: said only when there were some (it was sent for none).</summary>
    private static string LinkedSentence(IReadOnlyList<string> linked, string outcome) => linked.Count == 0
        ? ""
        : $" Linked scheduled exports were {outcome} ({linked.Count}): {string.Join(", ", linked)}.";

    private static string LinkedCount(IReadOnlyList<string> linked, string outcome) => $"{linked.Count} linked exports {outcome}";

    /// <summary>A setting left empty in appsettings binds as "", not null.</summary>
    private static string Or(string? setting, string fallback) => string.IsNullOrWhiteSpace(setting) ? fallback : setting;

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private const string ManageIntegrations = "manage storage integrations";

    [GeneratedRegex("^[a-z][a-z0-9_]{2,63}$")]
    private static partial Regex NameShape();
}
