using Lotkeeper.Logging;
using Lotkeeper.Storage;
using Microsoft.Extensions.Options;

namespace Lotkeeper.Hosting;

/// <summary>
/// Compacts the stats counts at start-up and then every <see cref="StatsOptions.CompactionIntervalSeconds"/> on the
/// injected clock, up to <see cref="StatsOptions.CompactionMarginSeconds"/> before its current time. A failed run is
/// logged and retried at the next interval.
/// </summary>
internal sealed class StatsCompactionSchedule(
    IAdminStore store, TimeProvider clock, IOptions<StatsOptions> options, ILogger<StatsCompactionSchedule> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(options.Value.CompactionIntervalSeconds);
        var margin = TimeSpan.FromSeconds(options.Value.CompactionMarginSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var through = clock.GetUtcNow() - margin;
                var folded = await store.CompactStatsAsync(through, stoppingToken);
                Log.StatsCompacted(logger, folded, through);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // Any failure, not only an outage (a read-only database after a failover, a statement timeout),
                // is retried later: an exception leaving this loop would stop the host.
                Log.StatsCompactionFailed(logger, exception, options.Value.CompactionIntervalSeconds);
            }

            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
