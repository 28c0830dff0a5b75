namespace Lotkeeper.Storage;

/// <summary>A success response stored under a client's idempotency key, replayed until it expires.</summary>
/// <param name="RequestHash">Lower-case hex SHA-256 of the body of the request that produced the response.</param>
/// <param name="ReferenceId">The permit the response is about.</param>
public sealed record IdempotencyEntry(
    long ClientId,
    string Key,
    string RequestHash,
    string ReferenceId,
    int ResponseStatus,
    string ResponseBody,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
