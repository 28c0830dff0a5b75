using System.Threading.RateLimiting;
using Lotkeeper.Auth;
using Lotkeeper.Hosting;
using Microsoft.Extensions.Options;

namespace Lotkeeper.Api;

/// <summary>
/// One token bucket per API token, partitioned by the token's SHA-256 hash so the secret itself is never kept as a
/// key. Buckets are independent, so a token over its limit never slows another.
/// </summary>
/// <remarks>
/// The permits API carries its token in the JSON body, so the limit is applied after the body is read rather than
/// by the rate-limiting middleware, which runs before the endpoint reads the body.
/// </remarks>
internal sealed class TokenRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string>? limiter;

    public TokenRateLimiter(IOptions<RateLimitOptions> options)
    {
        var settings = options.Value;
        if (settings.PermitsPerSecond == 0)
        {
            return;
        }

        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = settings.Burst,
            TokensPerPeriod = settings.PermitsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        limiter = PartitionedRateLimiter.Create<string, string>(
            tokenHash => RateLimitPartition.GetTokenBucketLimiter(tokenHash, _ => bucket));
    }

    /// <summary>
    /// Takes one request from the token's bucket. Returns null when the request may go on, else the time after
    /// which the bucket has a request again.
    /// </summary>
    public TimeSpan? TryAcquire(string token)
    {
        if (limiter is null)
        {
            return null;
        }

        using var lease = limiter.AttemptAcquire(ApiTokens.Hash(token));
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => limiter?.Dispose();
}
