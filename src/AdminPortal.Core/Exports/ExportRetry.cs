using System.Globalization;
using AdminPortal.CloudStorage.Connection;

namespace AdminPortal.Core.Exports;

/// <summary>
/// A run waiting to try again after a transient error: which attempt comes next, of how many, when, and the cloud's
/// error. Send now showed 0/0/0 for about 28 s while a run retried; this is what it shows instead.
/// </summary>
public sealed record ExportRetry(int NextAttempt, int MaxAttempts, DateTime NextAttemptAtUtc, string Error)
{
    /// <summary>The cloud's error is cut as every status line is (<see cref="ErrorText.Clip"/>): its first line, a few hundred characters.</summary>
    public static ExportRetry After(int failedAttempts, int maxAttempts, DateTime nextAttemptAtUtc, string error) =>
        new(failedAttempts + 1, maxAttempts, nextAttemptAtUtc, ErrorText.Clip(error) ?? "");

    /// <summary>"retrying (attempt 3 of 5, next in 8 s): SlowDown: Please reduce your request rate."</summary>
    public string Describe(DateTime nowUtc)
    {
        var seconds = Math.Max(0, (int)Math.Ceiling((NextAttemptAtUtc - nowUtc).TotalSeconds));
        return string.Create(CultureInfo.InvariantCulture, $"retrying (attempt {NextAttempt} of {MaxAttempts}, next in {seconds} s): {Error}");
    }
}
