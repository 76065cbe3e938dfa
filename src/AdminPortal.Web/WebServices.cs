using System.Net;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.AuditLogs.Ingestion;
using AdminPortal.Core.Data;
using AdminPortal.Core.Security;
using AdminPortal.Core.Users;
using AdminPortal.Web.Account;
using AdminPortal.Web.Api;
using AdminPortal.Web.AuditLogs;
using AdminPortal.Web.Components;
using AdminPortal.Web.Errors;
using AdminPortal.Web.Health;
using AdminPortal.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using AdminPortal.Core.Security.Secrets;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using AdminPortal.Web.Components.Shared;
using MudBlazor.Services;

namespace AdminPortal.Web;

public static class WebServices
{
    /// <summary>Registers the Blazor host: components, authentication, authorization, health.</summary>
    public static IServiceCollection AddPortalWeb(this IServiceCollection services, IConfiguration configuration)
    {
        // Blazor Server with MudBlazor (its dialogs and snackbar reached through PortalDialogs / PortalToasts)
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddScoped<PortalDialogs>();
        services.AddScoped<PortalToasts>();
        services.AddHttpContextAccessor();
        // Core's links in notifications and e-mails, from the one route table (PortalUrls)
        services.AddSingleton<AdminPortal.Core.Notifications.IPortalLinks, PortalLinks>();

        // Authentication: Identity's cookie, answered with 401/403 for the API and health, redirects for pages
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityStateProvider>();
        services.AddScoped<CircuitHandler, SessionCircuitHandler>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<SignInPolicyOptions>>((cookie, policy) =>
            {
                cookie.Cookie.Name = "AdminPortal.Auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.LoginPath = PortalUrls.SignIn;
                cookie.AccessDeniedPath = PortalUrls.Status(StatusCodes.Status403Forbidden);
                cookie.ExpireTimeSpan = TimeSpan.FromHours(policy.Value.SessionHours);
                cookie.SlidingExpiration = true;
                cookie.Events.OnRedirectToLogin = context =>
                {
                    if (IsApiRequest(context.Request))
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }
                    else
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }

                    return Task.CompletedTask;
                };
                // Every request asks the database whether the session still holds (one primary-key read) instead of
                // Identity's periodic stamp check: sign-out, a role change or disabling ends a stolen cookie at once.
                cookie.Events.OnValidatePrincipal = async context =>
                {
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
                    if (context.Principal is null || !await sessions.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    }
                };
                // A real 403 (rendered by the status page), not a redirect to a 200 page.
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        // Behind a TLS proxy: its X-Forwarded-* are believed only from the configured proxies (none by default)
        services.AddOptions<ReverseProxyOptions>().Bind(configuration.GetSection(ReverseProxyOptions.Section))
            .Validate(o => o.IsValid(), "ReverseProxy:KnownProxies must be IP addresses and ReverseProxy:KnownNetworks CIDR networks (10.0.0.0/24).")
            .ValidateOnStart();
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ReverseProxyOptions>>((forwarded, proxy) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Not ASP.NET's default (loopback trusted, one hop): exactly the listed proxies, through as many of them as listed.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            forwarded.ForwardLimit = null;
            proxy.Value.KnownProxies.ForEach(p => forwarded.KnownProxies.Add(IPAddress.Parse(p)));
            proxy.Value.KnownNetworks.ForEach(n => forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n)));
        });
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

        // Rate limits, one limiter: sign-in and setup posts per client address (in front of the per-account lockout),
        // ingestion requests per token
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy<string, SignInRateLimitPolicy>(SignInRateLimitPolicy.Name);
            limiter.AddPolicy<string, IngestionRateLimiterPolicy>(IngestionRateLimiterPolicy.Name);
        });

        // Authorization: signed in everywhere unless a page says otherwise; Administration is Admin only;
        // the API by token scope, authenticated by the API token alone (the cookie is not asked)
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Admin, p => p.RequireRole(PortalRoles.Admin))
            .AddPolicy(Policies.AuditLogs, p => p.RequireRole(PortalRoles.Admin, PortalRoles.Auditor));
        foreach (var scope in ApiScopes.All)
        {
            authorization.AddPolicy(Policies.ApiScope(scope), p => p
                .AddAuthenticationSchemes(ApiTokenAuthenticationHandler.SchemeName)
                .RequireAuthenticatedUser()
                .AddRequirements(new ApiScopeRequirement(scope)));
        }

        // A missing scope is named in the 403's problem details
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "AdminPortal.Antiforgery";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // Cookie and antiforgery keys live in the database, encrypted under the master key: sessions survive restarts,
        // and every node of a cluster reads the same ring, so a cookie or form token issued by one is accepted by another.
        services.AddDataProtection().SetApplicationName("AdminPortal").PersistKeysToDbContext<PortalDbContext>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, provider) => options.XmlEncryptor = new MasterKeyXmlEncryptor(provider.GetRequiredService<SecretProtector>()));
        // `--rotate-secrets` re-encrypts the key ring too, so retiring the old master key signs nobody out.
        services.AddSingleton<ISecretStore, DataProtectionKeyRingStore>();

        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.Section))
            .Validate(o => o.MaxRequestBytes is >= 1024 and <= 1L << 32, "Ingestion:MaxRequestBytes must be 1 KiB to 4 GiB.")
            .Validate(o => o.MaxFutureHours is >= 0 and <= 8760, "Ingestion:MaxFutureHours must be 0 to 8760 (a year).")
            .Validate(o => o.MaxConcurrentRequests is >= 1 and <= 1000, "Ingestion:MaxConcurrentRequests must be 1 to 1000.")
            .Validate(o => o.RequestsPerSecondPerToken is >= 1 and <= 100_000, "Ingestion:RequestsPerSecondPerToken must be 1 to 100000.")
            .Validate(o => o.RequestBurstPerToken >= 1 && o.RequestBurstPerToken >= o.RequestsPerSecondPerToken / 10,
                "Ingestion:RequestBurstPerToken must be at least 1 and at least a tenth of RequestsPerSecondPerToken.")
            .ValidateOnStart();

        // Ingestion: requests at once (the per-token rate is among the rate limits above)
        services.AddSingleton<IngestionConcurrency>();

        // Errors: logged with an id the answer shows; problem+json for the API, the status page for pages
        services.AddProblemDetails();
        services.AddPortalApi();
        services.AddExceptionHandler<PortalExceptionHandler>();

        // Health: the database answers and takes writes
        services.AddSingleton<DatabaseWriteFailures>();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    /// <summary>The HTTP pipeline, in order.</summary>
    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        // First, so that everything after sees the client's address and scheme (cookies Secure, HSTS, audit, throttling).
        if (app.Services.GetRequiredService<IOptions<ReverseProxyOptions>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<RelativeRedirectsMiddleware>();
        if (!app.Environment.IsDevelopment())
        {
            // PortalExceptionHandler picks the status page (500, or 503 when the database cannot take the request).
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/status/500", CreateScopeForErrors = true });
            app.UseHsts();
        }
        else
        {
            // The API answers problem details in development too, not the developer exception page.
            app.UseWhen(context => IsApiPath(context.Request.Path), branch => branch.UseExceptionHandler());
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        // An empty API error answer (401, 403, 404, 405, 415 …) gets problem+json; pages get the status page, for page loads
        // only: a re-executed POST would reach the page as an unexpected form post.
        app.UseWhen(context => IsApiPath(context.Request.Path), branch => branch.UseStatusCodePages());
        app.UseWhen(
            context => !IsApiPath(context.Request.Path) && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)),
            branch => branch.UseStatusCodePagesWithReExecute("/status/{0}"));
        app.UseMiddleware<SetupGateMiddleware>();
        // Routing after the status pages, so that a re-executed request is routed to the status page again.
        app.UseRouting();
        app.UseMiddleware<UnmatchedApiRequests>();

        app.UseAuthentication();
        app.UseAuthorization();
        // After authorization: ingestion is limited per token (only a request that has one counts); sign-in and setup per address.
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks(PortalUrls.Health, new HealthCheckOptions
        {
            // Degraded (reads work, writes fail) is 503 too: a load balancer should send requests elsewhere.
            ResultStatusCodes =
            {
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy] = StatusCodes.Status200OK,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = DatabaseHealthCheck.WriteAsync,
        }).AllowAnonymous();
        app.MapAccountEndpoints();
        app.MapAuditLogEndpoints();
        app.MapIngestionEndpoints();
        app.MapPortalApi();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static bool IsApiRequest(HttpRequest request) => IsApiPath(request.Path);

    /// <summary>Routes answered with status codes and problem+json rather than pages.</summary>
    internal static bool IsApiPath(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments(PortalUrls.Health);
}
