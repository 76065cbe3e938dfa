using System.Security.Claims;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace AdminPortal.Core.Integrations;

/// <summary>"Create a storage integration for audit logs": checks the fields, tests the connection, saves with the result.</summary>
public sealed class CreateIntegration(
    IDbContextFactory<PortalDbContext> dbFactory,
    UserSessions sessions,
    IntegrationDestinationCheck destinationCheck,
    IntegrationSecrets secrets,
    IntegrationConnector connector,
    IntegrationAuditTrail trail,
    TimeProvider clock)
{
    public async Task<Result<IntegrationSummary>> HandleAsync(ClaimsPrincipal actor, CreateIntegrationCommand command, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        var cloud = StorageIntegration.CloudOf(command.AuthMethod);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = string.IsNullOrWhiteSpace(command.Name) ? await SuggestIntegrationName.FreeNameAsync(db, cloud, ct) : command.Name.Trim();
        var now = clock.GetUtcNow().UtcDateTime;
        var integration = new StorageIntegration
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            Name = name,
            AuthMethod = command.AuthMethod,
            Cloud = cloud,
            RoleArn = IntegrationRules.Trimmed(command.RoleArn),
            TenantId = IntegrationRules.Trimmed(command.TenantId),
            AccessKeyId = IntegrationRules.Trimmed(command.AccessKeyId),
            ExternalId = cloud == IntegrationCloud.Aws ? IntegrationRules.NewExternalId() : null,
            CreatedAtUtc = now,
            CreatedBy = actor.ActorName(),
            UpdatedAtUtc = now,
        };
        IntegrationRules.SetDestination(integration, command.Destination);

        var hasSecret = StorageIntegration.SecretField(command.AuthMethod) is not null;
        var secret = hasSecret && command.Secret.HasNewValue ? command.Secret.RevealNewValue() : null;
        var errors = IntegrationRules.NameErrors(name).ToList();
        if (errors.Count == 0 && await db.StorageIntegrations.AnyAsync(i => i.Name == name, ct))
        {
            errors.Add(("Name", IntegrationRules.DuplicateName(name)));
        }

        errors.AddRange(await destinationCheck.ErrorsAsync(integration, secret, ct));
        if (errors.Count > 0)
        {
            return Result<IntegrationSummary>.Fail(errors);
        }

        if (secret is not null)
        {
            secrets.Store(integration, secret);
        }

        connector.Record(integration, await connector.TestAsync(integration, secret, ct));
        db.StorageIntegrations.Add(integration);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // SQLITE_CONSTRAINT: another Admin saved the same name between the check and the insert (the key is a fresh GUID v7).
            return Result<IntegrationSummary>.Fail("Name", IntegrationRules.DuplicateName(name));
        }

        var admin = actor.ActorName();
        await trail.AuditAsync(admin, "IntegrationCreated", "Storage integration created", "create", integration,
            $"{integration.Cloud} {integration.AuthMethod} {integration.DisplayDestination}; test: {integration.LastTestStatus}", ct);
        await trail.ConfirmAsync(admin, "Storage integration created",
            $"The storage integration \"{integration.Name}\" ({integration.Cloud.Label()}, {integration.DisplayDestination}) was created. Connection test: {integration.LastTestStatus}.", ct);
        return Result.Ok(IntegrationSummary.Of(integration));
    }
}
