using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminPortal.Core.Integrations;

/// <summary>
/// Wakes every few minutes and re-tests the integrations whose last test is older than the health-check interval. One
/// SQLite portal only: on PostgreSQL, where several nodes share the database, <see cref="IntegrationHealthCheckJob"/> does it.
/// </summary>
public sealed class IntegrationHealthCheckService(
    CheckIntegrationHealth healthCheck,
    IOptions<IntegrationsOptions> options,
    TimeProvider clock,
    ILogger<IntegrationHealthCheckService> logger) : BackgroundService
{
    /// <summary>The wake-up period: due integrations are found by their last test time, so this only bounds the lateness.</summary>
    private static readonly TimeSpan MaxWake = TimeSpan.FromMinutes(10);

    /// <summary>How often the check wakes: the health-check interval, at most <see cref="MaxWake"/>.</summary>
    public static TimeSpan WakePeriod(IntegrationsOptions settings)
    {
        var interval = TimeSpan.FromHours(settings.HealthCheckIntervalHours);
        return interval < MaxWake ? interval : MaxWake;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(WakePeriod(options.Value), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await healthCheck.CheckDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "The integration health check failed; it runs again at the next wake-up");
            }
        }
    }
}
