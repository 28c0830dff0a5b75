using System.Security.Cryptography;
using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Auth;

/// <summary>Issues API tokens: generates the secret, stores only its hash, and returns the secret once.</summary>
public sealed class TokenIssuer(IAdminStore store, TimeProvider clock)
{
    /// <summary>Issues a token for <paramref name="clientId"/>. The returned secret is not stored anywhere.</summary>
    public async Task<(TokenRecord Token, string Secret)> IssueAsync(
        long clientId,
        string name,
        Permissions permissions,
        DateTimeOffset? expiresAt,
        CancellationToken cancellationToken)
    {
        var secret = ApiTokens.Generate();
        var token = new TokenRecord(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            clientId,
            name,
            permissions,
            UnixTime.Truncate(clock.GetUtcNow()),
            expiresAt is { } expiry ? UnixTime.Truncate(expiry) : null,
            RevokedAt: null,
            LastUsedAt: null);
        await store.AddTokenAsync(token, ApiTokens.Hash(secret), cancellationToken);
        return (token, secret);
    }

    /// <summary>
    /// Replaces a token: issues a new one with the old one's client, name, permissions and expiry, and revokes the
    /// old one after <paramref name="overlap"/>, in one transaction. Returns null when no active token has the id:
    /// a revoked or expired token is not rotated, because its replacement would inherit an expiry already past.
    /// </summary>
    public async Task<(TokenRecord Token, string Secret, DateTimeOffset OldRevokedAt)?> RotateAsync(
        string tokenId, TimeSpan overlap, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(overlap, TimeSpan.Zero);
        var now = UnixTime.Truncate(clock.GetUtcNow());
        var old = await store.FindTokenByIdAsync(tokenId, cancellationToken);
        if (old is null || old.RevokedAt <= now || old.ExpiresAt <= now)
        {
            return null;
        }

        var secret = ApiTokens.Generate();
        var token = old with
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            CreatedAt = now,
            RevokedAt = null,
            LastUsedAt = null,
        };
        var revokeAt = now + overlap;
        if (!await store.RotateTokenAsync(tokenId, revokeAt, token, ApiTokens.Hash(secret), cancellationToken))
        {
            return null;
        }

        return (token, secret, revokeAt);
    }
}
