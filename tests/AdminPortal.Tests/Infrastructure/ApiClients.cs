using System.Net.Http.Headers;
using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminPortal.Tests.Infrastructure;

/// <summary>Clients of the HTTP API: a user of a role with a token issued through the real use case (CreateApiToken).</summary>
public static class ApiClients
{
    /// <summary>The API user of <paramref name="role"/> (api.admin@example.test, api.auditor@example.test), created on first use.</summary>
    public static string ApiUserEmail(string role) => $"api.{role.ToLowerInvariant()}@example.test";

    /// <summary>
    /// An HttpClient (no redirects followed) whose requests carry a new token of the <paramref name="role"/>'s API user
    /// with <paramref name="scopes"/>.
    /// </summary>
    public static async Task<HttpClient> ApiClientAsync(this PortalFactory factory, string role, params string[] scopes)
    {
        var email = ApiUserEmail(role);
        await factory.EnsureUserAsync(email, role);
        return factory.ApiClientWithToken(await factory.ApiTokenAsync(email, scopes));
    }

    /// <summary>A token of an existing user, created as that user creates one (no expiry unless given).</summary>
    public static async Task<string> ApiTokenAsync(this PortalFactory factory, string email, string[] scopes, DateTime? expiresAtUtc = null)
    {
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, email)], "test"));
        var created = await factory.Services.GetRequiredService<CreateApiToken>().HandleAsync(
            actor, new CreateApiTokenCommand("tests-" + Guid.NewGuid().ToString("N")[..8], scopes, expiresAtUtc));
        Assert.True(created.Succeeded, string.Join(" ", created.AllMessages));
        return created.Value!.Token;
    }

    /// <summary>An HttpClient (no redirects followed) sending <paramref name="token"/> as its bearer token.</summary>
    public static HttpClient ApiClientWithToken(this PortalFactory factory, string token)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates the user with that role unless it exists already.</summary>
    public static async Task EnsureUserAsync(this PortalFactory factory, string email, string role)
    {
        using (var scope = factory.Services.CreateScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email) is not null)
            {
                return;
            }
        }

        await factory.CreateUserAsync(email, role);
    }
}
