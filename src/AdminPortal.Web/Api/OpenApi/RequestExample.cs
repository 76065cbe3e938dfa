namespace AdminPortal.Web.Api.OpenApi;

/// <summary>Endpoint metadata: the request body's example in the OpenAPI document (<see cref="ApiOperationTransformer"/>).</summary>
public sealed record RequestExample(object Body);
