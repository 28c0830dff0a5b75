using Lotkeeper.Storage;

namespace Lotkeeper.Retention;

/// <summary>
/// Removes plates of permits that ended or were deleted more than a number of days ago, and expired idempotency
/// keys. Used by <c>lotkeeper purge</c> and the daily schedule of <c>serve</c>.
/// </summary>
public sealed class PlatePurger(IAdminStore store, TimeProvider clock)
{
    /// <summary>Purges everything older than <paramref name="days"/> days before now.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public async Task<PurgeResult> PurgeAsync(int days, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var now = clock.GetUtcNow();
        var cutoff = UnixTime.Truncate(now.AddDays(-days));
        var permits = await store.PurgePlatesAsync(cutoff, cancellationToken);
        var keys = await store.DeleteExpiredIdempotencyEntriesAsync(now, cancellationToken);
        return new PurgeResult(cutoff, permits, keys);
    }
}
