namespace Lotkeeper.Storage;

/// <summary>
/// Storage reads of the enforcement lookups and change feeds. Every query runs on an index: by folded plate, by zone
/// and end, or by zone and change sequence, so its cost follows the rows it returns, not the permits stored.
/// </summary>
public interface IEnforcementStore
{
    /// <summary>Finds a zone of the client that is not removed, by its matching key.</summary>
    Task<ZoneRecord?> FindZoneAsync(long clientId, string zoneKey, CancellationToken cancellationToken);

    /// <summary>Finds a zone of the client that is not removed, by its storage id.</summary>
    Task<ZoneRecord?> FindZoneByIdAsync(long clientId, long zoneId, CancellationToken cancellationToken);

    /// <summary>Lists the client's zones that are not removed, by name.</summary>
    Task<IReadOnlyList<ZoneRecord>> ListZonesAsync(long clientId, CancellationToken cancellationToken);

    /// <summary>
    /// Lists the client's live permits whose OCR-folded plate is <paramref name="foldedPlate"/> and whose end is
    /// later than <paramref name="endAfter"/>.
    /// </summary>
    Task<IReadOnlyList<PermitRecord>> FindLivePermitsByFoldedPlateAsync(
        long clientId, string foldedPlate, DateTimeOffset endAfter, CancellationToken cancellationToken);

    /// <summary>Finds a permit of the client, live or deleted, by its lower-case reference id.</summary>
    Task<PermitRecord?> FindClientPermitAsync(long clientId, string referenceId, CancellationToken cancellationToken);

    /// <summary>Lists a permit's events, oldest first.</summary>
    Task<IReadOnlyList<PermitEvent>> ListEventsAsync(long permitId, CancellationToken cancellationToken);

    /// <summary>
    /// Returns the sequence number of the client's latest committed change, or 0 before the first. Every change
    /// numbered at or below it is visible to reads that start afterwards. Where changes are numbered after commit
    /// (PostgreSQL), it first numbers the committed changes that have no number yet.
    /// </summary>
    Task<long> ReadChangeSequenceAsync(long clientId, CancellationToken cancellationToken);

    /// <summary>
    /// Lists up to <paramref name="limit"/> live permits of a zone that end later than <paramref name="endAfter"/>,
    /// in storage id order after <paramref name="afterId"/>.
    /// </summary>
    Task<IReadOnlyList<ChangedPermit>> ListUnexpiredPermitsAsync(
        long zoneId, DateTimeOffset endAfter, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Lists up to <paramref name="limit"/> permits of a zone, deleted ones included, whose latest change is numbered
    /// above <paramref name="afterSequence"/>, in change order. Where changes are numbered after commit (PostgreSQL), it
    /// first numbers the committed changes that have no number yet.
    /// </summary>
    Task<IReadOnlyList<ChangedPermit>> ListChangedPermitsAsync(
        long zoneId, long afterSequence, int limit, CancellationToken cancellationToken);
}
