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
}
