using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace AdminPortal.Web.Api;

/// <summary>
/// A request the API could not read (malformed JSON, a value of the wrong kind, an unknown enum value, a missing body)
/// is answered 400 with problem details saying what and where, instead of the framework's empty 400 or a 500.
/// Needs <c>RouteHandlerOptions.ThrowOnBadRequest</c>, so that minimal APIs throw what they would only log.
/// </summary>
public sealed class ApiBadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        // The handling middleware has set the request's path and endpoint to its own by now; the feature keeps the originals.
        var failed = context.Features.Get<IExceptionHandlerFeature>();
        if (exception is not BadHttpRequestException bad || !WebServices.IsApiPath(failed?.Path ?? context.Request.Path))
        {
            return false;
        }

        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = bad.StatusCode, Title = "The request cannot be read.", Detail = bad.Message };
        if (bad.InnerException is JsonException json)
        {
            problem.Title = ApiResults.ValidationTitle;
            var body = (failed?.Endpoint ?? context.GetEndpoint())?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            // A value of the wrong kind is the field's fault; anything else the JSON text's (a syntax error names only where it stopped).
            var conversion = json.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal);
            // System.Text.Json's refusal of null for a non-nullable property or constructor parameter (RespectNullableAnnotations).
            var refusedNull = json.Message.Contains("doesn't allow", StringComparison.Ordinal) && json.Message.Contains("null", StringComparison.Ordinal);
            if ((conversion || refusedNull) && json.Path is { Length: > 1 } path && path.StartsWith("$.", StringComparison.Ordinal))
            {
                var field = path[2..];
                problem.Detail = null;
                problem.Extensions["errors"] = new Dictionary<string, string[]>
                {
                    [field] = [refusedNull ? "Give a value: null is not allowed here." : ValueMessage(body, field)],
                };
            }
            else if (refusedNull)
            {
                // Without a path (a constructor parameter): say what, without the message's .NET type names.
                problem.Detail = "A field that needs a value is null: give each documented field a value, or leave an optional one out.";
            }
            else
            {
                problem.Detail = "The request body is not valid JSON: " + FirstLine(json.Message);
            }
        }

        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>What the value at <paramref name="field"/> must be, from the body's type: an enum's names, or the kind of value.</summary>
    private static string ValueMessage(Type? body, string field)
    {
        var type = body;
        foreach (var segment in field.Split('.'))
        {
            var name = segment.Split('[')[0];
            var property = type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            type = property is null ? null : ElementOf(property.PropertyType);
        }

        return type switch
        {
            { IsEnum: true } => $"Unknown value: use one of {string.Join(", ", Enum.GetNames(type))}.",
            null => "This value cannot be read.",
            _ when type == typeof(bool) => "Use true or false.",
            _ when type == typeof(string) => "Use a string.",
            _ when type == typeof(Guid) => "Use an id such as 0193a5c2-7d1e-7b4a-9f0e-2c3d4e5f6a7b.",
            _ when type == typeof(DateTime) || type == typeof(DateTimeOffset) => "Use an ISO-8601 time such as 2026-01-31T08:00:00Z.",
            _ when type == typeof(TimeOnly) => "Use a time of day such as 08:00:00.",
            _ when type.IsPrimitive || type == typeof(decimal) => "Use a number.",
            _ => "Use an object with the documented fields.",
        };
    }

    private static Type ElementOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type != typeof(string) && type.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>)) is { } enumerable)
        {
            return Nullable.GetUnderlyingType(enumerable.GetGenericArguments()[0]) ?? enumerable.GetGenericArguments()[0];
        }

        return type;
    }

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
