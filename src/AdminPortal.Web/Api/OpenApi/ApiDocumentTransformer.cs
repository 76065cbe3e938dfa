using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AdminPortal.Web.Api.OpenApi;

/// <summary>The document's title and how to authenticate: the bearer API token.</summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The security scheme's name in the document (the authentication scheme's).</summary>
    public const string SchemeName = "ApiToken";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "AdminPortal API";
        document.Info.Description =
            "Everything an Admin does in the portal, over HTTP: the same use cases, authorization, validation messages and audit events " +
            "as the pages. Authenticate with an API token (Settings > API tokens): `Authorization: Bearer apt_…`. Errors are RFC 9457 " +
            "problem details (`application/problem+json`); a 400's `errors` are keyed by the request's JSON paths.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "apt_<43 base64url characters>",
            Description = "An API token of a user; it acts as that user, within its scopes (audit:ingest, audit:read, exports:write, admin).",
        };
        return Task.CompletedTask;
    }
}
