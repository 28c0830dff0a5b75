using Lotkeeper.Domain;

namespace Lotkeeper.Storage;

/// <summary>Storage of the administrative commands: clients, zones, tokens and permit inspection.</summary>
public interface IAdminStore : IIdempotencyStore
{
    /// <summary>Applies pending schema migrations. Safe to run on every start.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>Returns true when the database has no client yet, so the server may create the demo client.</summary>
    Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>Adds a client.</summary>
    /// <exception cref="DuplicateEntryException">A client with the same matching code exists.</exception>
    Task<ClientRecord> AddClientAsync(ClientRecord client, CancellationToken cancellationToken);

    /// <summary>Finds a client by the key of its code (see <see cref="ClientCodes.KeyOf"/>).</summary>
    Task<ClientRecord?> FindClientAsync(string codeKey, CancellationToken cancellationToken);

    Task<IReadOnlyList<ClientRecord>> ListClientsAsync(CancellationToken cancellationToken);

    /// <summary>Adds a zone.</summary>
    /// <exception cref="DuplicateEntryException">The client has a zone with the same matching name.</exception>
    Task<ZoneRecord> AddZoneAsync(
        long clientId, string name, string? timeZone, DateTimeOffset at, CancellationToken cancellationToken);

    Task<IReadOnlyList<ZoneRecord>> ListZonesAsync(long clientId, CancellationToken cancellationToken);

    /// <summary>Counts the live permits of a zone, which must be none before it can be removed.</summary>
    Task<long> CountLivePermitsAsync(long zoneId, CancellationToken cancellationToken);

    /// <summary>Removes a zone by marking it removed; its deleted permits keep their history.</summary>
    Task<bool> RemoveZoneAsync(long zoneId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Stores a new token with the hex SHA-256 hash of its secret.</summary>
    Task AddTokenAsync(TokenRecord token, string tokenHash, CancellationToken cancellationToken);

    Task<IReadOnlyList<TokenRecord>> ListTokensAsync(long clientId, CancellationToken cancellationToken);

    /// <summary>Revokes a token from <paramref name="at"/> on. Returns false when no unrevoked token has that id.</summary>
    Task<bool> RevokeTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Finds a token by its public id.</summary>
    Task<TokenRecord?> FindTokenByIdAsync(string tokenId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="newToken"/> and sets the old token's revocation to <paramref name="revokeAt"/>, which
    /// may lie in the future, in one transaction. Returns false, writing nothing, when the old token is unknown or
    /// already revoked before <paramref name="revokeAt"/>.
    /// </summary>
    Task<bool> RotateTokenAsync(
        string oldTokenId,
        DateTimeOffset revokeAt,
        TokenRecord newToken,
        string newTokenHash,
        CancellationToken cancellationToken);

    /// <summary>Appends an entry to the audit log of administrative actions.</summary>
    Task AddAuditEntryAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Lists the newest <paramref name="limit"/> audit entries, oldest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAuditEntriesAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the plates (as sent and normalised) of permits that ended or were deleted before
    /// <paramref name="cutoff"/>, and the plate values in their history events. The rows stay, so stats and
    /// history counts do not change. Returns the number of permits changed.
    /// </summary>
    Task<int> PurgePlatesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Folds every client's stats marks at or before <paramref name="through"/> into the kept counts and moves the
    /// client's compaction point there, in steps that each commit on their own. Stats requests for instants before
    /// the point count the permits directly, so <paramref name="through"/> should lie a margin behind the clock of
    /// every app instance. Returns the number of marks folded.
    /// </summary>
    Task<long> CompactStatsAsync(DateTimeOffset through, CancellationToken cancellationToken);

    /// <summary>Lists a client's permits, newest first, deleted ones only when asked.</summary>
    Task<IReadOnlyList<PermitRecord>> ListPermitsAsync(
        long clientId, bool includeDeleted, int limit, CancellationToken cancellationToken);

    /// <summary>Finds a permit, live or deleted, by its lower-case reference id.</summary>
    Task<PermitRecord?> FindPermitAsync(string referenceId, CancellationToken cancellationToken);
}
