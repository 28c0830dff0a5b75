namespace Lotkeeper.Storage;

/// <summary>Stored responses of requests sent with an <c>Idempotency-Key</c> header.</summary>
public interface IIdempotencyStore
{
    /// <summary>Finds the entry of a client's key that has not expired at <paramref name="now"/>.</summary>
    Task<IdempotencyEntry?> FindIdempotencyEntryAsync(
        long clientId, string key, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Stores an entry for a success that wrote nothing (a repeated push, an update without changes). Returns false,
    /// storing nothing, when a live entry already has the key.
    /// </summary>
    Task<bool> AddIdempotencyEntryAsync(IdempotencyEntry entry, CancellationToken cancellationToken);

    /// <summary>Deletes entries expired at <paramref name="now"/>; returns how many.</summary>
    Task<int> DeleteExpiredIdempotencyEntriesAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
