namespace AdminPortal.CloudStorage;

/// <summary>The outcome of Test connection: <c>SUCCESS</c>, or the cloud's own error text and a hint of what to fix.</summary>
public sealed record ConnectionTestResult(bool Success, string Status, string? Hint)
{
    public const string SuccessStatus = "SUCCESS";

    public static ConnectionTestResult Succeeded { get; } = new(true, SuccessStatus, null);
}
