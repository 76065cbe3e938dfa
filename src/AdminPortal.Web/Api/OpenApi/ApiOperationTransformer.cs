using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace AdminPortal.Web.Api.OpenApi;

/// <summary>
/// What every API operation documents the same way: the token it needs (security requirement, the scope in its
/// description, 401 and 403), the problems it answers (400 with a body or query, 404 with an id), and its request example.
/// </summary>
public sealed class ApiOperationTransformer(IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var scopes = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>()
            .Where(p => p.StartsWith(Policies.ApiScope(""), StringComparison.Ordinal)).Select(p => p[Policies.ApiScope("").Length..]).Distinct().ToList();
        operation.Responses ??= new OpenApiResponses();
        if (scopes.Count > 0)
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.SchemeName, context.Document)] = [] }];
            var scope = string.Join(", ", scopes);
            operation.Description = $"Scope: `{scope}` (or `admin`). {operation.Description}".Trim();
            await AddProblemAsync(operation, context, StatusCodes.Status401Unauthorized, "No token, or an unknown, revoked or expired one.", cancellationToken);
            await AddProblemAsync(operation, context, StatusCodes.Status403Forbidden,
                $"The token lacks the scope {scope}, or its user's role does not allow this (the use case's message).", cancellationToken);
        }

        var parameters = context.Description.ParameterDescriptions;
        if (operation.RequestBody is not null || parameters.Any(p => p.Source.Id == "Query"))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status400BadRequest,
                "A field is invalid (errors keyed by JSON path, with the same messages as the pages), or the body cannot be read.", cancellationToken,
                typeof(HttpValidationProblemDetails));
        }

        if (parameters.Any(p => p.Source.Id == "Path"))
        {
            await AddProblemAsync(operation, context, StatusCodes.Status404NotFound, "No such item, or not the token's user's to see.", cancellationToken);
        }

        if (metadata.OfType<RequestExample>().FirstOrDefault() is { } example
            && operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
        {
            media.Example = JsonSerializer.SerializeToNode(example.Body, example.Body.GetType(), json.Value.SerializerOptions);
        }
    }

    private static async Task AddProblemAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, int status, string description,
        CancellationToken ct, Type? type = null)
    {
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }

        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = await context.GetOrCreateSchemaAsync(type ?? typeof(ProblemDetails), null, ct) },
            },
        };
    }
}
