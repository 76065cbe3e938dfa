using Microsoft.AspNetCore.Mvc;

namespace AdminPortal.Web.Api;

/// <summary>RFC 9457 problem details (<c>application/problem+json</c>) for the API's refusals, through ASP.NET's problem details service.</summary>
public static class ApiProblems
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        if (!await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, options: null, contentType: "application/problem+json", context.RequestAborted);
        }
    }
}
