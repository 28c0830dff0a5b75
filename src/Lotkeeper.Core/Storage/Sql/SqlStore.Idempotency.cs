using System.Data.Common;
using Dapper;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore : IIdempotencyStore
{
    private const string IdempotencyColumns = """
        client_id AS ClientId, idempotency_key AS IdempotencyKey, request_hash AS RequestHash,
        reference_id AS ReferenceId, response_status AS ResponseStatus, response_body AS ResponseBody,
        created_at AS CreatedAt, expires_at AS ExpiresAt
        """;

    public Task<IdempotencyEntry?> FindIdempotencyEntryAsync(
        long clientId, string key, DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<IdempotencyRow>(Command(
                $"""
                SELECT {IdempotencyColumns} FROM idempotency_keys
                WHERE client_id = @clientId AND idempotency_key = @key AND expires_at > @now
                """,
                new { clientId, key, now = UnixTime.ToMicroseconds(now) },
                cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);

    public Task<bool> AddIdempotencyEntryAsync(IdempotencyEntry entry, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) =>
                TryInsertIdempotencyEntryAsync(connection, transaction, entry, cancellationToken),
            cancellationToken);

    public Task<int> DeleteExpiredIdempotencyEntriesAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            "DELETE FROM idempotency_keys WHERE expires_at <= @now",
            new { now = UnixTime.ToMicroseconds(now) },
            cancellationToken,
            transaction)), cancellationToken);

    /// <summary>
    /// Stores <paramref name="entry"/> in the transaction of the write it acknowledges, so that neither can be
    /// committed without the other.
    /// </summary>
    /// <exception cref="IdempotencyKeyTakenException">
    /// A live entry has the key. The exception leaves the write lambda, so the transaction is rolled back.
    /// </exception>
    private static async Task SaveIdempotencyEntryAsync(
        DbConnection connection,
        DbTransaction transaction,
        IdempotencyEntry? entry,
        CancellationToken cancellationToken)
    {
        if (entry is not null
            && !await TryInsertIdempotencyEntryAsync(connection, transaction, entry, cancellationToken))
        {
            throw new IdempotencyKeyTakenException(entry.ClientId, entry.Key);
        }
    }

    /// <summary>
    /// Inserts the entry, or replaces an expired entry of the same key, and returns false when a live entry has the
    /// key. The primary key on (client, key) stops two concurrent requests with one new key from both storing it.
    /// On PostgreSQL the second insert waits for the first transaction and then changes no row. On SQLite the
    /// writers take turns.
    /// </summary>
    private static async Task<bool> TryInsertIdempotencyEntryAsync(
        DbConnection connection, DbTransaction transaction, IdempotencyEntry entry, CancellationToken cancellationToken)
    {
        var rows = await connection.ExecuteAsync(Command(
            """
            INSERT INTO idempotency_keys (client_id, idempotency_key, request_hash, reference_id, response_status,
                response_body, created_at, expires_at)
            VALUES (@ClientId, @Key, @RequestHash, @ReferenceId, @ResponseStatus, @ResponseBody, @CreatedAt, @ExpiresAt)
            ON CONFLICT (client_id, idempotency_key) DO UPDATE SET request_hash = excluded.request_hash,
                reference_id = excluded.reference_id, response_status = excluded.response_status,
                response_body = excluded.response_body, created_at = excluded.created_at,
                expires_at = excluded.expires_at
            WHERE idempotency_keys.expires_at <= excluded.created_at
            """,
            new
            {
                entry.ClientId,
                entry.Key,
                entry.RequestHash,
                entry.ReferenceId,
                entry.ResponseStatus,
                entry.ResponseBody,
                CreatedAt = UnixTime.ToMicroseconds(entry.CreatedAt),
                ExpiresAt = UnixTime.ToMicroseconds(entry.ExpiresAt),
            },
            cancellationToken,
            transaction));
        return rows == 1;
    }
}
