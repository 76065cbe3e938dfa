using AdminPortal.CloudStorage;
using FluentValidation;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Integrations;

/// <summary>What is wrong with an integration's destination, per form field, before anything is sent to it.</summary>
public sealed class IntegrationDestinationCheck(
    CloudStorageFactory storages,
    IValidator<StorageDestination> destinationValidator,
    IOptions<IntegrationsOptions> options)
{
    public async Task<List<(string Field, string Message)>> ErrorsAsync(StorageIntegration i, string? secret, CancellationToken ct)
    {
        var destination = IntegrationDestinations.Build(i, secret, options.Value);
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
}
