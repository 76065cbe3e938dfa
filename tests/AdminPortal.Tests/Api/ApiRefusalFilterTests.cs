using AdminPortal.Core.Exports;
using AdminPortal.Web.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AdminPortal.Tests.Api;

/// <summary>
/// The use cases' refusals as every API endpoint answers them. Over HTTP a token's scopes already follow its user's role
/// now, so a use case's own role refusal is only reached in the moment between the two checks: this is tested here.
/// </summary>
public sealed class ApiRefusalFilterTests
{
    private static async Task<ProblemHttpResult> AnswerToAsync(Exception refusal)
    {
        var context = new DefaultEndpointFilterInvocationContext(new DefaultHttpContext());
        var answer = await new ApiRefusalFilter().InvokeAsync(context, _ => throw refusal);
        return Assert.IsType<ProblemHttpResult>(answer);
    }

    [Fact]
    public async Task A_use_cases_role_refusal_is_a_403_problem_with_its_own_message()
    {
        var answer = await AnswerToAsync(new UnauthorizedAccessException("Only an Admin may manage storage integrations."));

        Assert.Equal(StatusCodes.Status403Forbidden, answer.StatusCode);
        Assert.Equal("Only an Admin may manage storage integrations.", answer.ProblemDetails.Detail);
    }

    [Fact]
    public async Task A_run_already_going_is_a_409_problem()
    {
        var answer = await AnswerToAsync(new ExportAlreadyRunningException("Nightly"));

        Assert.Equal(StatusCodes.Status409Conflict, answer.StatusCode);
        Assert.Contains("already in progress", answer.ProblemDetails.Detail);
    }

    [Fact]
    public async Task Any_other_error_goes_on_to_the_exception_handler()
    {
        var context = new DefaultEndpointFilterInvocationContext(new DefaultHttpContext());

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await new ApiRefusalFilter().InvokeAsync(context, _ => throw new InvalidOperationException("a bug")));
    }
}
