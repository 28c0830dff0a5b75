using Lotkeeper.Logging;
using Lotkeeper.Retention;
using Lotkeeper.Storage;
using Microsoft.Extensions.Options;

namespace Lotkeeper.Hosting;

/// <summary>
/// Runs the plate purge at start-up and then every 24 hours on the injected clock, when
/// <see cref="RetentionOptions.Days"/> is set. A failed run is logged and retried at the next interval.
/// </summary>
internal sealed class RetentionSchedule(
    IAdminStore store, TimeProvider clock, IOptions<RetentionOptions> options, ILogger<RetentionSchedule> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Days is not { } days)
        {
            return;
        }

        var purger = new PlatePurger(store, clock);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await purger.PurgeAsync(days, stoppingToken);
                Log.PurgeCompleted(logger, result.Permits, result.IdempotencyKeys, days);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Any failure is retried at the next run: an exception leaving this loop would stop the host.
                Log.PurgeFailed(logger, exception);
            }

            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
