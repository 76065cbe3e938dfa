using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Exports.IntegrationEventHandlers;
using AdminPortal.Core.Integrations;
using AdminPortal.Web.Api.OpenApi;

namespace AdminPortal.Web.Api.Integrations;

/// <summary>/api/integrations: the Audit Logging settings' storage integrations (scope admin; the use cases let Admins only).</summary>
public static class IntegrationEndpoints
{
    public static RouteGroupBuilder MapIntegrations(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/integrations").WithTags("Integrations").RequireAuthorization(Policies.ApiScope(ApiScopes.Admin));

        group.MapGet("", async (ClaimsPrincipal user, ListIntegrations list, CancellationToken ct) =>
                TypedResults.Ok((await list.HandleAsync(user, ct)).Select(IntegrationResponse.From)))
            .WithSummary("List the storage integrations with their connection status");

        group.MapPost("", async (ClaimsPrincipal user, CreateIntegrationRequest request, CreateIntegration create, CancellationToken ct) =>
                ApiResults.Created(await create.HandleAsync(user, request.ToCommand(), ct), "integrations", i => i.Id, IntegrationResponse.From, FieldPath))
            .WithSummary("Create a storage integration (its connection is tested; the outcome is its connectionStatus)")
            .Produces<IntegrationResponse>(StatusCodes.Status201Created)
            .WithRequestExample(ApiExamples.CreateS3Integration);

        group.MapGet("/{id:guid}", async (ClaimsPrincipal user, Guid id, GetIntegrationForEdit get, CancellationToken ct) =>
                await get.HandleAsync(user, id, ct) is { } view ? Results.Ok(IntegrationResponse.From(view.Integration)) : ApiResults.NotFound(NotFound))
            .WithSummary("One storage integration")
            .Produces<IntegrationResponse>();

        group.MapGet("/{id:guid}/credentials", async (ClaimsPrincipal user, Guid id, ViewCredentials view, CancellationToken ct) =>
                await view.HandleAsync(user, id, ct) is { } credentials
                    ? Results.Ok(IntegrationCredentialsResponse.From(credentials)) : ApiResults.NotFound(NotFound))
            .WithSummary("View credentials: what to grant the portal, and the policy documents that grant it (never a secret)")
            .Produces<IntegrationCredentialsResponse>();

        group.MapPost("/{id:guid}/test", async (ClaimsPrincipal user, Guid id, TestIntegration test, CancellationToken ct) =>
            {
                var tested = await test.HandleAsync(user, id, ct);
                return tested is { Succeeded: true, Value: { } i }
                    ? Results.Ok(new ConnectionTestResponse(i.LastTestStatus, i.LastTestHint, i.LastTestSucceeded))
                    : ApiResults.Failure(tested);
            })
            .WithSummary("Test the connection: write, read back and delete a probe object; the outcome is stored")
            .Produces<ConnectionTestResponse>();

        group.MapPut("/{id:guid}/destination", async (ClaimsPrincipal user, Guid id, EditDestinationRequest request,
                GetIntegrationForEdit get, EditDestination edit, CancellationToken ct) =>
            {
                if (await get.HandleAsync(user, id, ct) is not { } view)
                {
                    return ApiResults.NotFound(NotFound);
                }

                var edited = await edit.HandleAsync(user, id, request.ToCommand(view.Integration.Cloud), ct);
                return edited.Succeeded ? Results.Ok(IntegrationResponse.From(edited.Value!)) : ApiResults.Failure(edited, FieldPath);
            })
            .WithSummary("Edit the destination; linked scheduled exports are re-pointed (updateLinkedExports) or paused")
            .Produces<IntegrationResponse>()
            .WithRequestExample(ApiExamples.EditDestination);

        group.MapDelete("/{id:guid}", async (ClaimsPrincipal user, Guid id, bool? deleteLinkedExports, DeleteIntegration delete, CancellationToken ct) =>
                ApiResults.NoContent(await delete.HandleAsync(user, id, deleteLinkedExports == true, ct), FieldPath))
            .WithSummary("Delete an integration; its scheduled exports are deleted (deleteLinkedExports=true) or paused");

        group.MapGet("/{id:guid}/linked-exports", async (ClaimsPrincipal user, Guid id, GetIntegrationForEdit get, ListLinkedExports linked,
                CancellationToken ct) =>
                await get.HandleAsync(user, id, ct) is null ? ApiResults.NotFound(NotFound) : Results.Ok(await linked.HandleAsync(user, id, ct)))
            .WithSummary("The scheduled exports that write to an integration")
            .Produces<IReadOnlyList<LinkedExport>>();
        return api;
    }

    private const string NotFound = "That integration no longer exists.";

    /// <summary>The form's field names as the request's JSON paths: the destination's fields are under "destination".</summary>
    private static string FieldPath(string field) => field switch
    {
        nameof(DestinationInput.Bucket) or nameof(DestinationInput.AccountName) or nameof(DestinationInput.Prefix)
            or nameof(DestinationInput.Region) or nameof(DestinationInput.ServiceUrl) or nameof(DestinationInput.PathStyle)
            => "destination." + ApiResults.JsonPath(field),
        _ => ApiResults.JsonPath(field),
    };
}
