using System.Security.Claims;
using AdminPortal.Core.ApiTokens;
using AdminPortal.Core.Workbooks;
using AdminPortal.Web.Api.OpenApi;

namespace AdminPortal.Web.Api.Workbooks;

/// <summary>/api/workbooks: saved explorations and their table elements (read: audit:read; change: exports:write).</summary>
public static class WorkbookEndpoints
{
    private const string NotFound = "That workbook no longer exists, or it is not yours.";

    public static RouteGroupBuilder MapWorkbooks(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/workbooks").WithTags("Workbooks");
        var read = Policies.ApiScope(ApiScopes.AuditRead);
        var write = Policies.ApiScope(ApiScopes.ExportsWrite);

        group.MapGet("", async (ClaimsPrincipal user, WorkbookService workbooks, CancellationToken ct) =>
                TypedResults.Ok(await workbooks.ListAsync(user, ct)))
            .WithSummary("List the workbooks (an Admin's: all; an Auditor's: their own)")
            .RequireAuthorization(read);

        group.MapGet("/{id:int}", async (ClaimsPrincipal user, int id, WorkbookService workbooks, CancellationToken ct) =>
                await workbooks.GetAsync(user, id, ct) is { } workbook ? Results.Ok(WorkbookResponse.From(workbook)) : ApiResults.NotFound(NotFound))
            .WithSummary("One workbook with its table elements")
            .Produces<WorkbookResponse>()
            .RequireAuthorization(read);

        group.MapPost("", async (ClaimsPrincipal user, CreateWorkbookRequest request, WorkbookService workbooks, CancellationToken ct) =>
            {
                var element = request.Element ?? new();
                var saved = await workbooks.SaveAsAsync(user, request.Name, request.Folder, element.State ?? new(), element.Name, ct);
                if (!saved.Succeeded)
                {
                    return ApiResults.Failure(saved);
                }

                var workbook = await workbooks.GetAsync(user, saved.Value, ct);
                return Results.Created(PortalUrls.ApiItem("workbooks", saved.Value), new CreatedWorkbookResponse(saved.Value, workbook!.Elements[0].Id));
            })
            .WithSummary("Save a new workbook with one table element")
            .Produces<CreatedWorkbookResponse>(StatusCodes.Status201Created)
            .WithRequestExample(ApiExamples.CreateWorkbook)
            .RequireAuthorization(write);

        group.MapPost("/{id:int}/elements", async (ClaimsPrincipal user, int id, WorkbookElementRequest request, WorkbookService workbooks,
                CancellationToken ct) =>
                ApiResults.Created(await workbooks.AddElementAsync(user, id, request.Name ?? "", request.State ?? new(), ct), "workbooks", _ => id,
                    element => new CreatedElementResponse(element)))
            .WithSummary("Add a table element to a workbook")
            .Produces<CreatedElementResponse>(StatusCodes.Status201Created)
            .WithRequestExample(ApiExamples.WorkbookElement)
            .RequireAuthorization(write);

        group.MapPut("/{id:int}", async (ClaimsPrincipal user, int id, RenameWorkbookRequest request, WorkbookService workbooks, CancellationToken ct) =>
                ApiResults.NoContent(await workbooks.RenameAsync(user, id, request.Name, request.Folder, ct)))
            .WithSummary("Rename a workbook or move it to another folder")
            .WithRequestExample(new RenameWorkbookRequest { Name = "Audit log export", Folder = "Automation" })
            .RequireAuthorization(write);

        group.MapDelete("/{id:int}", async (ClaimsPrincipal user, int id, WorkbookService workbooks, CancellationToken ct) =>
                ApiResults.NoContent(await workbooks.DeleteAsync(user, id, ct)))
            .WithSummary("Delete a workbook")
            .RequireAuthorization(write);
        return api;
    }
}
