namespace AdminPortal.Web.Api;

/// <summary>Answers every API endpoint's refusals (<see cref="ApiResults.Refusal"/>) as problem details; anything else goes on to the exception handler.</summary>
public sealed class ApiRefusalFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception e) when (ApiResults.Refusal(e) is not null)
        {
            return ApiResults.Refusal(e);
        }
    }
}
