namespace Lotkeeper.Retention;

/// <summary>What a purge removed.</summary>
/// <param name="Cutoff">Permits that ended or were deleted before this instant lost their plates.</param>
/// <param name="Permits">Permits whose plates were removed.</param>
/// <param name="IdempotencyKeys">Expired idempotency keys deleted.</param>
public sealed record PurgeResult(DateTimeOffset Cutoff, int Permits, int IdempotencyKeys);
