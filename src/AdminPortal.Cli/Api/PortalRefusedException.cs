namespace AdminPortal.Cli.Api;

/// <summary>The portal answered with an error status; <see cref="Problem"/> is what it said (exit code 1).</summary>
public sealed class PortalRefusedException(int status, ProblemDetails problem)
    : Exception(problem.Title ?? $"The portal answered {status}.")
{
    public int Status { get; } = status;

    public ProblemDetails Problem { get; } = problem;
}
