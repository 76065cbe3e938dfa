using System.Security.Claims;
using AdminPortal.Core.Common;
using AdminPortal.Core.Data;
using AdminPortal.Core.Integrations.Events;
using AdminPortal.Core.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// Edit Destination: same cloud and method, a new bucket/prefix, re-tested; the linked exports are paused or re-pointed
/// (<see cref="IntegrationDestinationChanged"/>) in the same save as the integration.
/// </summary>
public sealed class EditDestination(
    IDbContextFactory<PortalDbContext> dbFactory,
    UserSessions sessions,
    IntegrationDestinationCheck destinationCheck,
    IntegrationSecrets secrets,
    IntegrationConnector connector,
    IntegrationEvents events,
    IntegrationAuditTrail trail,
    TimeProvider clock,
    ILogger<EditDestination> logger)
{
    public async Task<Result<IntegrationSummary>> HandleAsync(ClaimsPrincipal actor, Guid id, EditDestinationCommand command, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var i = await db.StorageIntegrations.SingleOrDefaultAsync(x => x.Id == id, ct);
        if (i is null)
        {
            return Result<IntegrationSummary>.NotFound("That integration no longer exists.");
        }

        if (command.Cloud != i.Cloud)
        {
            return Result<IntegrationSummary>.Fail(nameof(EditDestinationCommand.Cloud),
                $"An integration's cloud cannot change: \"{i.Name}\" stays on {i.Cloud.Label()}. To export to {command.Cloud.Label()}, delete this integration and create a new one.");
        }

        var old = i.DisplayDestination;
        var audience = IntegrationDestinations.SecretAudience(i);
        IntegrationRules.SetDestination(i, command.Destination);
        if (i.AuthMethod == IntegrationAuthMethod.AwsAccessKey && !string.IsNullOrWhiteSpace(command.AccessKeyId))
        {
            i.AccessKeyId = command.AccessKeyId.Trim();
        }

        var hasSecret = StorageIntegration.SecretField(i.AuthMethod) is not null;
        var newSecret = hasSecret && command.Secret.HasNewValue ? command.Secret.RevealNewValue() : null;
        if (hasSecret && newSecret is null && i.EncryptedSecret is not null && IntegrationDestinations.SecretAudience(i) != audience)
        {
            // A stored secret is only ever sent where it was entered: a new host must not receive it (a SAS token rides in the URL).
            return Result<IntegrationSummary>.Fail(nameof(EditDestinationCommand.Secret),
                $"The service URL or account changed: enter the {IntegrationRules.SecretLabel(i.AuthMethod)} again. The stored one is only sent to the endpoint it was entered for.");
        }

        var (secret, problem) = newSecret is not null ? (newSecret, null) : secrets.Read(i);
        var errors = await destinationCheck.ErrorsAsync(i, secret ?? IntegrationSecrets.Placeholder(i), ct);
        if (errors.Count > 0)
        {
            return Result<IntegrationSummary>.Fail(errors);
        }

        if (newSecret is not null)
        {
            secrets.Store(i, newSecret);
        }

        i.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        connector.Record(i, problem ?? await connector.TestAsync(i, secret, ct));
        var admin = actor.ActorName();
        var changed = new IntegrationDestinationChanged(i.Id, i.Name, old, i.DisplayDestination, command.UpdateLinkedExports, admin);
        var staged = await events.StageAsync(changed, db, ct);
        if (await IntegrationSave.SaveOnceAsync(db, logger, "saved", i.Name, ct) is { } failure)
        {
            return Result<IntegrationSummary>.Fail("", failure);
        }

        await staged.AfterCommitAsync(ct);

        var linked = staged.Changed;
        await trail.AuditAsync(admin, "IntegrationDestinationEdited", "Storage integration destination edited", "update", i,
            $"{IntegrationAuditTrail.LinkedCount(linked, command.UpdateLinkedExports ? "re-pointed" : "paused")}; test: {i.LastTestStatus}", ct,
            oldValue: old, newValue: i.DisplayDestination);
        await trail.ConfirmAsync(admin, "Cloud destination updated",
            $"{changed.Reason}{IntegrationAuditTrail.LinkedSentence(linked, command.UpdateLinkedExports ? "re-pointed to the new destination" : "paused")} Connection test: {i.LastTestStatus}.", ct);
        return Result.Ok(IntegrationSummary.Of(i));
    }
}
