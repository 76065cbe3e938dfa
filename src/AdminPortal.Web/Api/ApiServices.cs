using System.Text.Json.Serialization;
using AdminPortal.Web.Api.OpenApi;

namespace AdminPortal.Web.Api;

public static class ApiServices
{
    /// <summary>Registers the REST API's JSON, errors and OpenAPI document.</summary>
    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        // JSON: enums by name, and only by name (a number would bypass the names the document lists)
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false)));

        // Errors: a body the API cannot read is thrown (not only logged) so that ApiBadRequestHandler answers it with problem details
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<ApiBadRequestHandler>();

        // OpenAPI: the /api/ endpoints only, with the bearer scheme, problems and examples
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer<ApiDocumentTransformer>();
            o.AddOperationTransformer<ApiOperationTransformer>();
        });
        return services;
    }
}
