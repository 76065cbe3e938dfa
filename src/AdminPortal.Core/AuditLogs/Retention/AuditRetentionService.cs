using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AdminPortal.Core.AuditLogs.Retention;

/// <summary>Runs retention every <see cref="RetentionOptions.IntervalMinutes"/>, first shortly after start.</summary>
public sealed class AuditRetentionService(AuditRetention retention, TimeProvider clock, ILogger<AuditRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(retention.Options.IntervalMinutes), clock);
        do
        {
            try
            {
                await retention.RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention failed; it runs again at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
