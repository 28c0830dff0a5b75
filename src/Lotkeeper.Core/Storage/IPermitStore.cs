namespace Lotkeeper.Storage;

/// <summary>
/// Storage of the permits API. Every write commits the change and its history event in one transaction before it
/// returns, so a caller may acknowledge as soon as the task completes.
/// </summary>
/// <remarks>
/// Implementations throw <see cref="StorageUnavailableException"/> when the database is away after their own
/// bounded retries, and map database errors by their codes, never by message text.
/// </remarks>
public interface IPermitStore : IIdempotencyStore
{
    /// <summary>Finds a token by the hex SHA-256 hash of its secret, with its client.</summary>
    Task<TokenMatch?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// Sets a token's last-used time to <paramref name="at"/> unless it is already within
    /// <paramref name="resolution"/> of it, so a busy token costs one write per <paramref name="resolution"/>.
    /// </summary>
    Task TouchTokenAsync(string tokenId, DateTimeOffset at, TimeSpan resolution, CancellationToken cancellationToken);

    /// <summary>Finds a zone of the client that is not removed, by its matching key.</summary>
    Task<ZoneRecord?> FindZoneAsync(long clientId, string zoneKey, CancellationToken cancellationToken);

    /// <summary>Finds a live (not deleted) permit of the client by its lower-case reference id.</summary>
    Task<PermitRecord?> FindLivePermitAsync(long clientId, string referenceId, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new permit and its creation event, creating its zone first when <see cref="NewPermit.ZoneId"/> is
    /// null. When the push has a permit number that a live permit of the same client and zone already has, nothing
    /// is written and that permit is returned instead. A unique index enforces this under concurrent pushes.
    /// A non-null <paramref name="idempotency"/> entry is stored in the same transaction as the permit.
    /// </summary>
    /// <exception cref="IdempotencyKeyTakenException">Another request stored the entry's key first.</exception>
    Task<CreatePermitResult> CreatePermitAsync(
        NewPermit permit, IdempotencyEntry? idempotency, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces a live permit's plate, end, amount and currency and writes the update event, if its version is still
    /// <paramref name="expectedVersion"/>. Returns false, writing nothing, when another writer changed or deleted it.
    /// </summary>
    /// <exception cref="IdempotencyKeyTakenException">Another request stored the entry's key first.</exception>
    Task<bool> UpdatePermitAsync(
        PermitRecord updated,
        int expectedVersion,
        PermitEvent updateEvent,
        IdempotencyEntry? idempotency,
        CancellationToken cancellationToken);

    /// <summary>
    /// Marks a live permit deleted and writes the deletion event, if its version is still
    /// <paramref name="expectedVersion"/>. Returns false, writing nothing, when another writer got there first.
    /// </summary>
    /// <exception cref="IdempotencyKeyTakenException">Another request stored the entry's key first.</exception>
    Task<bool> DeletePermitAsync(
        long permitId,
        int expectedVersion,
        PermitEvent deleteEvent,
        IdempotencyEntry? idempotency,
        CancellationToken cancellationToken);

    /// <summary>
    /// Counts live permits active at <paramref name="now"/> (start ≤ now &lt; end) per zone and stored type,
    /// limited to the zones whose keys are in <paramref name="zoneKeys"/> when it is not null.
    /// </summary>
    Task<IReadOnlyList<StatsRow>> CountActivePermitsAsync(
        long clientId, DateTimeOffset now, IReadOnlyCollection<string>? zoneKeys, CancellationToken cancellationToken);

    /// <summary>Lists a permit's events, oldest first.</summary>
    Task<IReadOnlyList<PermitEvent>> ListEventsAsync(long permitId, CancellationToken cancellationToken);
}
