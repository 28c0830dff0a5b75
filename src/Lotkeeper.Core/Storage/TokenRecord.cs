using Lotkeeper.Domain;

namespace Lotkeeper.Storage;

/// <summary>An API token's stored facts. The secret itself is never stored, only its SHA-256 hash.</summary>
/// <param name="Id">Public id, safe to show and log.</param>
public sealed record TokenRecord(
    string Id,
    long ClientId,
    string Name,
    Permissions Permissions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt);
