using System.Text.Json;
using AdminPortal.Core.Common;
using AdminPortal.Core.Exports;

namespace AdminPortal.Web.Api;

/// <summary>
/// How the API answers a use case's outcome, the same way for every endpoint: a failed <see cref="Result"/> is a 400
/// validation problem with the use case's own messages (keyed by the request's JSON paths) or a 404; a refusal of the
/// use case (<see cref="UnauthorizedAccessException"/>) is a 403 with its message; a run already going is a 409.
/// </summary>
public static class ApiResults
{
    public const string ValidationTitle = "One or more fields are invalid.";

    /// <summary>204 No Content, or the failure.</summary>
    public static IResult NoContent(Result result, Func<string, string>? fieldPath = null) =>
        result.Succeeded ? TypedResults.NoContent() : Failure(result, fieldPath);

    /// <summary>
    /// 201 Created (202 Accepted with <paramref name="accepted"/>) with what the use case made at
    /// <c>/api/&lt;collection&gt;/&lt;id&gt;</c>, or the failure.
    /// </summary>
    public static IResult Created<T>(Result<T> result, string collection, Func<T, object> id, Func<T, object> body,
        Func<string, string>? fieldPath = null, bool accepted = false)
    {
        if (!result.Succeeded)
        {
            return Failure(result, fieldPath);
        }

        var location = PortalUrls.ApiItem(collection, id(result.Value!));
        return accepted ? TypedResults.Accepted(location, body(result.Value!)) : TypedResults.Created(location, body(result.Value!));
    }

    /// <summary>
    /// A failed result: 404 when the thing acted on does not exist, else 400 with the field messages in <c>errors</c>
    /// (under the field's JSON path, <see cref="JsonPath"/> unless the endpoint names them) and the whole form's in <c>detail</c>.
    /// </summary>
    public static IResult Failure(Result result, Func<string, string>? fieldPath = null)
    {
        if (result.IsNotFound)
        {
            return NotFound(string.Join(" ", result.AllMessages));
        }

        var form = result.Errors.GetValueOrDefault("") ?? [];
        var fields = result.Errors.Where(e => e.Key.Length > 0)
            .GroupBy(e => (fieldPath ?? JsonPath)(e.Key))
            .ToDictionary(g => g.Key, g => g.SelectMany(e => e.Value).ToArray());
        return TypedResults.ValidationProblem(fields, detail: form.Length == 0 ? null : string.Join(" ", form), title: ValidationTitle);
    }

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.");

    /// <summary>What a use case refused or found in the way, as the API answers it; null for anything else (a real error).</summary>
    public static IResult? Refusal(Exception exception) => exception switch
    {
        UnauthorizedAccessException => TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden."),
        ExportAlreadyRunningException => TypedResults.Problem(exception.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict."),
        _ => null,
    };

    /// <summary>A use case's field name as the JSON path of the request body: <c>Destination.Bucket</c> → <c>destination.bucket</c>.</summary>
    public static string JsonPath(string field) => string.Join('.', field.Split('.').Select(JsonNamingPolicy.CamelCase.ConvertName));
}
