using System.Security.Claims;
using AdminPortal.Core.Users;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Integrations;

/// <summary>For each method that acts with the portal's own identity and lacks it: the one line saying which settings to set (the Add form shows it).</summary>
public sealed class MissingPortalIdentities(UserSessions sessions, IOptions<IntegrationsOptions> options)
{
    public async Task<IReadOnlyDictionary<IntegrationAuthMethod, string>> HandleAsync(ClaimsPrincipal actor, CancellationToken ct = default)
    {
        await sessions.EnsureAdminAsync(actor, IntegrationRules.ManageAction, ct);
        return new[] { IntegrationAuthMethod.AwsRole, IntegrationAuthMethod.AzureApplication, IntegrationAuthMethod.GcpPortalServiceAccount }
            .Select(m => (Method: m, Missing: IntegrationDestinations.MissingPortalSetting(m, options.Value, hasEndpoint: false)))
            .Where(m => m.Missing is not null)
            .ToDictionary(m => m.Method, m => m.Missing!);
    }
}
