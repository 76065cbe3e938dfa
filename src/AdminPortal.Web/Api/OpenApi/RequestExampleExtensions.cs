namespace AdminPortal.Web.Api.OpenApi;

public static class RequestExampleExtensions
{
    /// <summary>Documents <paramref name="example"/> as the request body's example.</summary>
    public static RouteHandlerBuilder WithRequestExample<T>(this RouteHandlerBuilder builder, T example) where T : notnull =>
        builder.WithMetadata(new RequestExample(example));
}
