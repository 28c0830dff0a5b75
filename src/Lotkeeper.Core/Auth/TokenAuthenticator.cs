using Lotkeeper.Domain;
using Lotkeeper.Storage;

namespace Lotkeeper.Auth;

/// <summary>Checks a token against a client code and a permission.</summary>
public sealed class TokenAuthenticator(IPermitStore store, TimeProvider clock)
{
    /// <summary>How stale a token's last-used time may get; a busy token costs one write per interval.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Finds the token by its hash, then requires that it belongs to the client named by
    /// <paramref name="clientCode"/> (matched by <see cref="ClientCodes.KeyOf"/>), is neither revoked nor expired,
    /// and has <paramref name="required"/>.
    /// </summary>
    public Task<(Caller? Caller, AuthenticationFailure Failure)> AuthenticateAsync(
        string clientCode, string? token, Permissions required, CancellationToken cancellationToken) =>
        AuthenticateCoreAsync(clientCode, token, required, cancellationToken);

    /// <summary>
    /// Checks a token that names its client by itself, for protocols whose paths carry no client code: the token
    /// must be neither revoked nor expired and must have <paramref name="required"/>.
    /// </summary>
    public Task<(Caller? Caller, AuthenticationFailure Failure)> AuthenticateAnyClientAsync(
        string? token, Permissions required, CancellationToken cancellationToken) =>
        AuthenticateCoreAsync(null, token, required, cancellationToken);

    private async Task<(Caller? Caller, AuthenticationFailure Failure)> AuthenticateCoreAsync(
        string? clientCode, string? token, Permissions required, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return (null, AuthenticationFailure.Missing);
        }

        if (!ApiTokens.IsWellFormed(token))
        {
            return (null, AuthenticationFailure.Rejected);
        }

        var hash = ApiTokens.Hash(token);
        var match = await store.FindTokenAsync(hash, cancellationToken);
        if (match is null || !ApiTokens.HashesEqual(hash, match.StoredHash))
        {
            return (null, AuthenticationFailure.Rejected);
        }

        var now = clock.GetUtcNow();
        var (tokenRecord, client) = (match.Token, match.Client);
        var otherClient = clientCode is not null
            && !string.Equals(ClientCodes.KeyOf(client.Code), ClientCodes.KeyOf(clientCode), StringComparison.Ordinal);
        if (otherClient
            || tokenRecord.RevokedAt <= now
            || tokenRecord.ExpiresAt <= now)
        {
            return (null, AuthenticationFailure.Rejected);
        }

        if ((tokenRecord.Permissions & required) != required)
        {
            return (null, AuthenticationFailure.NotPermitted);
        }

        if (tokenRecord.LastUsedAt is not { } lastUsed || now - lastUsed >= LastUsedResolution)
        {
            await store.TouchTokenAsync(tokenRecord.Id, UnixTime.Truncate(now), LastUsedResolution, cancellationToken);
        }

        return (new Caller(client, tokenRecord), AuthenticationFailure.None);
    }
}
