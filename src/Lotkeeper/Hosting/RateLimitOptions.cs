using System.ComponentModel.DataAnnotations;

namespace Lotkeeper.Hosting;

/// <summary>The <c>Lotkeeper:RateLimit</c> section: a token bucket per API token on the permits API.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Lotkeeper:RateLimit";

    /// <summary>Requests a token earns per second; 50 by default. 0 turns rate limiting off.</summary>
    [Range(0, 1_000_000)]
    public int PermitsPerSecond { get; set; } = 50;

    /// <summary>Requests a token may send at once after a quiet period (the bucket's size); 100 by default.</summary>
    [Range(1, 1_000_000)]
    public int Burst { get; set; } = 100;
}
