using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AdminPortal.Web.Api.OpenApi;

namespace AdminPortal.Web.Api;

public static class ApiServices
{
    /// <summary>Registers the REST API's JSON, errors and OpenAPI document.</summary>
    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        // JSON: enums by name, and only by name (a number would bypass the names the document lists)
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
            // A JSON null where the request's type wants a value ({"name": null}) is the client's mistake, answered 400 by
            // ApiBadRequestHandler, not a null the use case trips over (a 500). Answers are written as they are: their
            // annotations are not checked when serializing, so a null in a stored row never fails an answer.
            o.SerializerOptions.RespectNullableAnnotations = true;
            o.SerializerOptions.TypeInfoResolver = (o.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(AnswersMayHoldNull);
        });

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

    private static void AnswersMayHoldNull(JsonTypeInfo type)
    {
        foreach (var property in type.Properties.Where(p => !p.PropertyType.IsValueType))
        {
            property.IsGetNullable = true;
        }
    }
}
