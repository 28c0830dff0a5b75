using System.Data.Common;
using Dapper;
using Lotkeeper.Domain;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore
{
    public Task<bool> IsEmptyAsync(CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
            await connection.ExecuteScalarAsync<long>(Command("SELECT COUNT(*) FROM clients", null, cancellationToken))
                == 0,
            cancellationToken);

    public async Task<ClientRecord> AddClientAsync(ClientRecord client, CancellationToken cancellationToken)
    {
        try
        {
            var id = await WriteAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(Command(
                """
                INSERT INTO clients (code, code_key, name, time_zone, currency, zone_policy, grace_seconds,
                    recently_expired_seconds, created_at)
                VALUES (@Code, @CodeKey, @Name, @TimeZone, @Currency, @ZonePolicy, @GraceSeconds,
                    @RecentlyExpiredSeconds, @CreatedAt)
                RETURNING id
                """,
                new
                {
                    client.Code,
                    CodeKey = ClientCodes.KeyOf(client.Code),
                    client.Name,
                    client.TimeZone,
                    client.Currency,
                    ZonePolicy = ZonePolicies.NameOf(client.ZonePolicy),
                    GraceSeconds = (long)client.Grace.TotalSeconds,
                    RecentlyExpiredSeconds = (long)client.RecentlyExpiredWindow.TotalSeconds,
                    CreatedAt = UnixTime.ToMicroseconds(client.CreatedAt),
                },
                cancellationToken,
                transaction)), cancellationToken);
            return client with { Id = id };
        }
        catch (DbException exception) when (database.Classify(exception) == DatabaseErrorKind.UniqueViolation)
        {
            throw new DuplicateEntryException($"A client with the code '{client.Code}' already exists.", exception);
        }
    }

    public Task<ClientRecord?> FindClientAsync(string codeKey, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<ClientRow>(Command(
                $"SELECT {ClientColumns} FROM clients c WHERE c.code_key = @codeKey",
                new { codeKey },
                cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);

    public Task<IReadOnlyList<ClientRecord>> ListClientsAsync(CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ClientRecord>>(async connection =>
        {
            var rows = await connection.QueryAsync<ClientRow>(Command(
                $"SELECT {ClientColumns} FROM clients c ORDER BY c.code_key",
                null,
                cancellationToken));
            return [.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public async Task<ZoneRecord> AddZoneAsync(
        long clientId, string name, string? timeZone, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var cleaned = ZoneNames.Clean(name);
        try
        {
            var id = await WriteAsync((connection, transaction) => connection.ExecuteScalarAsync<long>(Command(
                """
                INSERT INTO zones (client_id, name, name_key, time_zone, created_at)
                VALUES (@clientId, @cleaned, @key, @timeZone, @createdAt)
                RETURNING id
                """,
                new { clientId, cleaned, key = ZoneNames.KeyOf(name), timeZone, createdAt = UnixTime.ToMicroseconds(at) },
                cancellationToken,
                transaction)), cancellationToken);
            return new ZoneRecord(id, clientId, cleaned, timeZone, UnixTime.Truncate(at));
        }
        catch (DbException exception) when (database.Classify(exception) == DatabaseErrorKind.UniqueViolation)
        {
            throw new DuplicateEntryException($"The client already has a zone named '{cleaned}'.", exception);
        }
    }

    public Task<IReadOnlyList<ZoneRecord>> ListZonesAsync(long clientId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ZoneRecord>>(async connection =>
        {
            var rows = await connection.QueryAsync<ZoneRow>(Command(
                $"SELECT {ZoneColumns} FROM zones z WHERE z.client_id = @clientId AND z.removed_at IS NULL ORDER BY z.name_key",
                new { clientId },
                cancellationToken));
            return [.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public Task<long> CountLivePermitsAsync(long zoneId, CancellationToken cancellationToken) =>
        ReadAsync(connection => connection.ExecuteScalarAsync<long>(Command(
            "SELECT COUNT(*) FROM permits WHERE zone_id = @zoneId AND deleted_at IS NULL",
            new { zoneId },
            cancellationToken)), cancellationToken);

    public Task<bool> RemoveZoneAsync(long zoneId, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(Command(
            "UPDATE zones SET removed_at = @removedAt WHERE id = @zoneId AND removed_at IS NULL",
            new { zoneId, removedAt = UnixTime.ToMicroseconds(at) },
            cancellationToken,
            transaction)) == 1, cancellationToken);

    public Task AddTokenAsync(TokenRecord token, string tokenHash, CancellationToken cancellationToken) =>
        WriteAsync(
            (connection, transaction) => InsertTokenAsync(connection, transaction, token, tokenHash, cancellationToken),
            cancellationToken);

    private static Task<int> InsertTokenAsync(
        DbConnection connection,
        DbTransaction transaction,
        TokenRecord token,
        string tokenHash,
        CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            """
            INSERT INTO tokens (id, client_id, name, hash, permissions, created_at, expires_at, revoked_at, last_used_at)
            VALUES (@Id, @ClientId, @Name, @tokenHash, @Permissions, @CreatedAt, @ExpiresAt, NULL, NULL)
            """,
            new
            {
                token.Id,
                token.ClientId,
                token.Name,
                tokenHash,
                Permissions = PermissionNames.Format(token.Permissions),
                CreatedAt = UnixTime.ToMicroseconds(token.CreatedAt),
                ExpiresAt = UnixTime.ToMicroseconds(token.ExpiresAt),
            },
            cancellationToken,
            transaction));

    public Task<IReadOnlyList<TokenRecord>> ListTokensAsync(long clientId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<TokenRecord>>(async connection =>
        {
            var rows = await connection.QueryAsync<TokenRow>(Command(
                $"SELECT {TokenColumns} FROM tokens t WHERE t.client_id = @clientId ORDER BY t.created_at, t.id",
                new { clientId },
                cancellationToken));
            return [.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public Task<bool> RevokeTokenAsync(string tokenId, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(Command(
            "UPDATE tokens SET revoked_at = @revokedAt WHERE id = @tokenId AND revoked_at IS NULL",
            new { tokenId, revokedAt = UnixTime.ToMicroseconds(at) },
            cancellationToken,
            transaction)) == 1, cancellationToken);

    public Task<IReadOnlyList<PermitRecord>> ListPermitsAsync(
        long clientId, bool includeDeleted, int limit, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<PermitRecord>>(async connection =>
        {
            var deletedFilter = includeDeleted ? "" : "AND p.deleted_at IS NULL";
            var rows = await connection.QueryAsync<PermitRow>(Command(
                $"""
                SELECT {PermitColumns} FROM permits p JOIN zones z ON z.id = p.zone_id
                WHERE p.client_id = @clientId {deletedFilter}
                ORDER BY p.id DESC LIMIT @limit
                """,
                new { clientId, limit },
                cancellationToken));
            return [.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public Task<PermitRecord?> FindPermitAsync(string referenceId, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<PermitRow>(Command(
                $"SELECT {PermitColumns} FROM permits p JOIN zones z ON z.id = p.zone_id WHERE p.reference_id = @referenceId",
                new { referenceId },
                cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);
}
