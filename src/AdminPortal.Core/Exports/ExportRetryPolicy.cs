using AdminPortal.CloudStorage;
using AdminPortal.CloudStorage.Connection;
using AdminPortal.Core.Data;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.Exports;

/// <summary>
/// How a run treats an error: a transient one (throttling, 5xx, timeouts, refused connections, a database transaction in the way (DatabaseErrors), an
/// object listed with the wrong size) is tried again, Exports:MaxAttempts attempts with exponential backoff and equal
/// jitter, the run saying meanwhile that it waits (<see cref="ExportRetry"/>); any other fails the run at once.
/// </summary>
public sealed class ExportRetryPolicy(ExportRunRecorder recorder, TimeProvider clock, ILogger<ExportRetryPolicy> logger)
{
    /// <summary>Runs <paramref name="attempt"/> until it succeeds, fails for good, or its attempts are spent.</summary>
    internal async Task<T> RunAsync<T>(ExportRunContext context, string what, Func<Task<T>> attempt, CancellationToken ct)
    {
        var settings = context.Settings;
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception ex) when (n < settings.MaxAttempts && !ct.IsCancellationRequested && IsTransient(ex))
            {
                var delay = Backoff(n, settings);
                context.Run.Retries++;
                logger.LogWarning(ex, "Export {ScheduleName}: writing {What} failed (attempt {Attempt} of {MaxAttempts}); next attempt in {DelayMs} ms",
                    context.Schedule.Name, what, n, settings.MaxAttempts, (long)delay.TotalMilliseconds);
                var error = CloudErrorOf(ex)?.Message ?? ex.Message;
                await recorder.ReportRetryAsync(context, ExportRetry.After(n, settings.MaxAttempts, clock.GetUtcNow().UtcDateTime + delay, error));
                await Task.Delay(delay, clock, ct);
            }
        }
    }

    internal static bool IsTransient(Exception ex) =>
        ex is ExportVerificationException || DatabaseErrors.IsTransient(ex) || CloudStorageErrors.IsTransient(ex);

    /// <summary>Exponential backoff with "equal jitter": half the step fixed, half random, so retrying runs spread out.</summary>
    internal static TimeSpan Backoff(int failedAttempts, ExportOptions settings)
    {
        var step = Math.Min(settings.RetryMaxSeconds, settings.RetryBaseSeconds * Math.Pow(2, failedAttempts - 1));
        return TimeSpan.FromSeconds(step / 2 + Random.Shared.NextDouble() * step / 2);
    }

    /// <summary>The cloud's own error in <paramref name="exception"/>'s chain: its text is what the run reports.</summary>
    internal static CloudStorageException? CloudErrorOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is CloudStorageException found)
            {
                return found;
            }
        }

        return null;
    }
}
