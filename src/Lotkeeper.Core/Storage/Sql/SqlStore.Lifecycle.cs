using Dapper;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore
{
    public Task TouchTokenAsync(
        string tokenId, DateTimeOffset at, TimeSpan resolution, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            """
            UPDATE tokens SET last_used_at = @at
            WHERE id = @tokenId AND (last_used_at IS NULL OR last_used_at <= @staleBefore)
            """,
            new
            {
                tokenId,
                at = UnixTime.ToMicroseconds(at),
                staleBefore = UnixTime.ToMicroseconds(at - resolution),
            },
            cancellationToken,
            transaction)), cancellationToken);

    public Task<TokenRecord?> FindTokenByIdAsync(string tokenId, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<TokenRow>(Command(
                $"SELECT {TokenColumns} FROM tokens t WHERE t.id = @tokenId",
                new { tokenId },
                cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);

    public Task<bool> RotateTokenAsync(
        string oldTokenId,
        DateTimeOffset revokeAt,
        TokenRecord newToken,
        string newTokenHash,
        CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var revoked = await connection.ExecuteAsync(Command(
                """
                UPDATE tokens SET revoked_at = @revokeAt
                WHERE id = @oldTokenId AND (revoked_at IS NULL OR revoked_at > @revokeAt)
                """,
                new { oldTokenId, revokeAt = UnixTime.ToMicroseconds(revokeAt) },
                cancellationToken,
                transaction));
            if (revoked == 0)
            {
                return false;
            }

            await InsertTokenAsync(connection, transaction, newToken, newTokenHash, cancellationToken);
            return true;
        }, cancellationToken);

    public Task AddAuditEntryAsync(AuditEntry entry, CancellationToken cancellationToken) =>
        WriteAsync((connection, transaction) => connection.ExecuteAsync(Command(
            """
            INSERT INTO audit_log (at, action, client_code, subject, detail)
            VALUES (@At, @Action, @ClientCode, @Subject, @Detail)
            """,
            new
            {
                At = UnixTime.ToMicroseconds(entry.At),
                entry.Action,
                entry.ClientCode,
                entry.Subject,
                entry.Detail,
            },
            cancellationToken,
            transaction)), cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAuditEntriesAsync(int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<AuditEntry>>(async connection =>
        {
            var rows = await connection.QueryAsync<AuditRow>(Command(
                """
                SELECT id AS Id, at AS At, action AS Action, client_code AS ClientCode, subject AS Subject,
                    detail AS Detail
                FROM audit_log ORDER BY id DESC LIMIT @limit
                """,
                new { limit },
                cancellationToken));
            return [.. rows.Select(row => row.ToRecord()).Reverse()];
        }, cancellationToken);
}
