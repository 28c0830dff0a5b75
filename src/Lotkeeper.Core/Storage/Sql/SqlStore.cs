using System.Data;
using System.Data.Common;
using Dapper;
using Lotkeeper.Domain;
using Lotkeeper.Enforcement;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotkeeper.Storage.Sql;

/// <summary>
/// The permit and admin store over one SQL database. SQLite and PostgreSQL share these queries; what differs
/// (connections, write concurrency, error codes, migrations) sits behind <see cref="ISqlDatabase"/>.
/// </summary>
/// <remarks>
/// Reads are retried up to <see cref="MaxAttempts"/> times on transient errors (a lost connection, a deadlock). A
/// write is retried the same way when it failed before its commit was sent, because the server then rolls it back.
/// A write whose commit failed is not repeated, because its outcome is unknown: the caller gets
/// <see cref="StorageUnavailableException"/>. Retries are logged as warnings.
/// </remarks>
/// <param name="database">The engine adapter.</param>
/// <param name="logger">Receives retry warnings; none are written when null.</param>
public sealed partial class SqlStore(ISqlDatabase database, ILogger<SqlStore>? logger = null)
    : IPermitStore, IAdminStore
{
    /// <summary>Attempts made for one operation before <see cref="StorageUnavailableException"/> is thrown.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Insert attempts of one push that keeps losing permit-number races to permits deleted at once.</summary>
    private const int MaxCreateAttempts = 3;

    private readonly ILogger logger = logger ?? (ILogger)NullLogger.Instance;

    private const string PermitColumns = """
        p.id AS Id, p.reference_id AS ReferenceId, p.client_id AS ClientId, p.zone_id AS ZoneId,
        z.name AS ZoneName, z.time_zone AS ZoneTimeZone, p.plate_raw AS PlateRaw,
        p.plate_normalized AS PlateNormalized, p.start_at AS StartAt, p.end_at AS EndAt,
        p.amount_cents AS AmountCents, p.currency AS Currency, p.permit_number AS PermitNumber,
        p.permit_type AS PermitType, p.created_at AS CreatedAt, p.updated_at AS UpdatedAt,
        p.deleted_at AS DeletedAt, p.version AS Version
        """;

    private const string ClientColumns = """
        c.id AS Id, c.code AS Code, c.name AS Name, c.time_zone AS TimeZone, c.currency AS Currency,
        c.zone_policy AS ZonePolicy, c.grace_seconds AS GraceSeconds,
        c.recently_expired_seconds AS RecentlyExpiredSeconds, c.created_at AS CreatedAt
        """;

    private const string TokenColumns = """
        t.id AS Id, t.client_id AS ClientId, t.name AS Name, t.hash AS Hash, t.permissions AS Permissions,
        t.created_at AS CreatedAt, t.expires_at AS ExpiresAt, t.revoked_at AS RevokedAt,
        t.last_used_at AS LastUsedAt
        """;

    private const string ZoneColumns = """
        z.id AS Id, z.client_id AS ClientId, z.name AS Name, z.time_zone AS TimeZone, z.created_at AS CreatedAt
        """;

    public string Provider => database.Provider;

    public string Description => database.Description;

    public Task MigrateAsync(CancellationToken cancellationToken) =>
        Task.Run(database.Migrate, cancellationToken);

    public Task<TokenMatch?> FindTokenAsync(string tokenHash, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            // One query on the path of every request; Dapper splits the row at the client's "Id" column.
            var matches = await connection.QueryAsync<TokenRow, ClientRow, TokenMatch>(
                Command(
                    $"""
                    SELECT {TokenColumns}, {ClientColumns}
                    FROM tokens t JOIN clients c ON c.id = t.client_id
                    WHERE t.hash = @tokenHash
                    """,
                    new { tokenHash },
                    cancellationToken),
                (token, client) => new TokenMatch(token.ToRecord(), client.ToRecord(), token.Hash),
                splitOn: "Id");
            return matches.SingleOrDefault();
        }, cancellationToken);

    public Task<ZoneRecord?> FindZoneAsync(long clientId, string zoneKey, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<ZoneRow>(Command(
                $"""
                SELECT {ZoneColumns} FROM zones z
                WHERE z.client_id = @clientId AND z.name_key = @zoneKey AND z.removed_at IS NULL
                """,
                new { clientId, zoneKey },
                cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);

    public Task<PermitRecord?> FindLivePermitAsync(
        long clientId, string referenceId, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<PermitRow>(Command(
                $"""
                SELECT {PermitColumns} FROM permits p JOIN zones z ON z.id = p.zone_id
                WHERE p.reference_id = @referenceId AND p.client_id = @clientId AND p.deleted_at IS NULL
                """,
                new { clientId, referenceId },
                cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);

    public async Task<CreatePermitResult> CreatePermitAsync(
        NewPermit permit, IdempotencyEntry? idempotency, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await WriteAsync(
                (connection, transaction) =>
                    InsertPermitWithEventAsync(connection, transaction, permit, idempotency, cancellationToken),
                cancellationToken);
            if (result is not null)
            {
                return result;
            }

            // The live permit holding the number was deleted between the insert that met it and the read of it.
            // The loop inserts again, a bounded number of times.
            if (attempt >= MaxCreateAttempts)
            {
                throw new InvalidOperationException(
                    $"Push {permit.ReferenceId} met a live permit with its number {attempt} times, and each was "
                        + "deleted before it could be read.");
            }

            StorageLog.PushWinnerGone(logger, permit.ReferenceId);
        }
    }

    public Task<bool> UpdatePermitAsync(
        PermitRecord updated,
        int expectedVersion,
        PermitEvent updateEvent,
        IdempotencyEntry? idempotency,
        CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var oldEnd = await ReadLiveEndAsync(connection, transaction, updated.Id, expectedVersion, cancellationToken);
            var rows = await connection.ExecuteAsync(Command(
                $"""
                UPDATE permits SET plate_raw = @PlateRaw, plate_normalized = @PlateNormalized,
                    plate_folded = @PlateFolded, end_at = @EndAt, amount_cents = @AmountCents, currency = @Currency,
                    updated_at = @UpdatedAt, version = version + 1{PendingChangeAssignments}
                WHERE id = @Id AND version = @ExpectedVersion AND deleted_at IS NULL
                """,
                new
                {
                    updated.Id,
                    updated.PlateRaw,
                    updated.PlateNormalized,
                    PlateFolded = PlateKeys.FoldOrNull(updated.PlateNormalized),
                    EndAt = UnixTime.ToMicroseconds(updated.End),
                    updated.AmountCents,
                    updated.Currency,
                    UpdatedAt = UnixTime.ToMicroseconds(updated.UpdatedAt),
                    ExpectedVersion = expectedVersion,
                },
                cancellationToken,
                transaction));
            if (rows == 0)
            {
                return false;
            }

            await InsertEventAsync(connection, transaction, updateEvent, cancellationToken);
            await AppendStatsEndChangeAsync(connection, transaction, updated.Id, oldEnd, cancellationToken);
            await SaveIdempotencyEntryAsync(connection, transaction, idempotency, cancellationToken);
            await StampChangeAsync(connection, transaction, updated.Id, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<bool> DeletePermitAsync(
        long permitId,
        int expectedVersion,
        PermitEvent deleteEvent,
        IdempotencyEntry? idempotency,
        CancellationToken cancellationToken) =>
        WriteAsync(async (connection, transaction) =>
        {
            var at = UnixTime.ToMicroseconds(deleteEvent.At);
            var rows = await connection.ExecuteAsync(Command(
                $"""
                UPDATE permits SET deleted_at = @at, updated_at = @at, version = version + 1{PendingChangeAssignments}
                WHERE id = @permitId AND version = @expectedVersion AND deleted_at IS NULL
                """,
                new { permitId, expectedVersion, at },
                cancellationToken,
                transaction));
            if (rows == 0)
            {
                return false;
            }

            await InsertEventAsync(connection, transaction, deleteEvent, cancellationToken);
            await AppendStatsMarksAsync(connection, transaction, permitId, -1, cancellationToken);
            await SaveIdempotencyEntryAsync(connection, transaction, idempotency, cancellationToken);
            await StampChangeAsync(connection, transaction, permitId, cancellationToken);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<PermitEvent>> ListEventsAsync(long permitId, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<PermitEvent>>(async connection =>
        {
            var rows = await connection.QueryAsync<EventRow>(Command(
                """
                SELECT id AS Id, permit_id AS PermitId, kind AS Kind, token_id AS TokenId, at AS At,
                    changes AS Changes
                FROM permit_events WHERE permit_id = @permitId ORDER BY id
                """,
                new { permitId },
                cancellationToken));
            return [.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    /// <summary>
    /// Inserts the permit with its event, or finds the live permit of the zone that already has the push's permit
    /// number. Returns null when that permit was deleted before it could be read, so the caller may insert again.
    /// </summary>
    private async Task<CreatePermitResult?> InsertPermitWithEventAsync(
        DbConnection connection,
        DbTransaction transaction,
        NewPermit permit,
        IdempotencyEntry? idempotency,
        CancellationToken cancellationToken)
    {
        var zone = permit.ZoneId is { } zoneId
            ? new ZoneRecord(zoneId, permit.ClientId, permit.ZoneName, permit.ZoneTimeZone, permit.CreatedAt)
            : await EnsureZoneAsync(connection, transaction, permit, cancellationToken);
        if (await InsertPermitAsync(connection, transaction, permit, zone.Id, cancellationToken) is not { } permitId)
        {
            var existing = await FindLiveByNumberAsync(connection, transaction, permit, zone.Id, cancellationToken);
            return existing is null ? null : new CreatePermitResult(existing, Created: false);
        }

        var changes = PermitChanges.OfCreation(permit);
        await InsertEventAsync(
            connection,
            transaction,
            new PermitEvent(0, permitId, PermitEventKind.Created, permit.TokenId, permit.CreatedAt, changes),
            cancellationToken);
        await AppendStatsMarksAsync(connection, transaction, permitId, 1, cancellationToken);
        await SaveIdempotencyEntryAsync(connection, transaction, idempotency, cancellationToken);

        // Where changes are numbered in the write, the stamp locks the client's counter row until commit, so it
        // comes last.
        await StampChangeAsync(connection, transaction, permitId, cancellationToken);
        return new CreatePermitResult(StoredPermit(permitId, permit, zone), Created: true);
    }

    /// <summary>
    /// Builds the record of a permit just inserted from the values written, as reading the row back would return
    /// it: instants truncated to microseconds, the zone's stored name and time zone, version 1.
    /// </summary>
    private static PermitRecord StoredPermit(long permitId, NewPermit permit, ZoneRecord zone)
    {
        var createdAt = UnixTime.Truncate(permit.CreatedAt);
        return new PermitRecord(
            permitId,
            permit.ReferenceId,
            permit.ClientId,
            zone.Id,
            zone.Name,
            zone.TimeZone,
            permit.Plate.Raw,
            permit.Plate.Normalized,
            UnixTime.Truncate(permit.Start),
            UnixTime.Truncate(permit.End),
            permit.AmountCents,
            permit.Currency,
            permit.PermitNumber,
            permit.Type,
            createdAt,
            createdAt,
            DeletedAt: null,
            Version: 1);
    }

    /// <summary>
    /// Creates the push's zone unless a live zone of that key exists, and returns the live zone, which may be one that
    /// another writer created meanwhile under another spelling or with a time zone.
    /// </summary>
    private static async Task<ZoneRecord> EnsureZoneAsync(
        DbConnection connection, DbTransaction transaction, NewPermit permit, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(Command(
            """
            INSERT INTO zones (client_id, name, name_key, time_zone, created_at)
            VALUES (@ClientId, @ZoneName, @ZoneKey, NULL, @CreatedAt)
            ON CONFLICT (client_id, name_key) WHERE removed_at IS NULL DO NOTHING
            """,
            new { permit.ClientId, permit.ZoneName, permit.ZoneKey, CreatedAt = UnixTime.ToMicroseconds(permit.CreatedAt) },
            cancellationToken,
            transaction));
        var zone = await connection.QuerySingleAsync<ZoneRow>(Command(
            $"""
            SELECT {ZoneColumns} FROM zones z
            WHERE z.client_id = @ClientId AND z.name_key = @ZoneKey AND z.removed_at IS NULL
            """,
            new { permit.ClientId, permit.ZoneKey },
            cancellationToken,
            transaction));
        return zone.ToRecord();
    }

    /// <summary>
    /// Inserts the permit and returns its id, or null when a live permit of the zone already has its permit number.
    /// The unique index on live permit numbers decides, so two pushes racing with one number store one permit.
    /// </summary>
    private static Task<long?> InsertPermitAsync(
        DbConnection connection,
        DbTransaction transaction,
        NewPermit permit,
        long zoneId,
        CancellationToken cancellationToken)
    {
        var createdAt = UnixTime.ToMicroseconds(permit.CreatedAt);
        return connection.ExecuteScalarAsync<long?>(Command(
            """
            INSERT INTO permits (reference_id, client_id, zone_id, plate_raw, plate_normalized, plate_folded,
                start_at, end_at, amount_cents, currency, permit_number, permit_type, created_at, updated_at,
                deleted_at, version)
            VALUES (@ReferenceId, @ClientId, @zoneId, @PlateRaw, @PlateNormalized, @PlateFolded,
                @StartAt, @EndAt, @AmountCents, @Currency, @PermitNumber, @PermitType, @createdAt, @createdAt,
                NULL, 1)
            ON CONFLICT (client_id, zone_id, permit_number) WHERE deleted_at IS NULL AND permit_number IS NOT NULL
                DO NOTHING
            RETURNING id
            """,
            new
            {
                permit.ReferenceId,
                permit.ClientId,
                zoneId,
                PlateRaw = permit.Plate.Raw,
                PlateNormalized = permit.Plate.Normalized,
                PlateFolded = PlateKeys.Fold(permit.Plate.Normalized),
                StartAt = UnixTime.ToMicroseconds(permit.Start),
                EndAt = UnixTime.ToMicroseconds(permit.End),
                permit.AmountCents,
                permit.Currency,
                permit.PermitNumber,
                PermitType = PermitTypes.NameOf(permit.Type),
                createdAt,
            },
            cancellationToken,
            transaction));
    }

    private static async Task<PermitRecord?> FindLiveByNumberAsync(
        DbConnection connection,
        DbTransaction transaction,
        NewPermit permit,
        long zoneId,
        CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PermitRow>(Command(
            $"""
            SELECT {PermitColumns} FROM permits p JOIN zones z ON z.id = p.zone_id
            WHERE p.client_id = @ClientId AND p.zone_id = @zoneId AND p.permit_number = @PermitNumber
                AND p.deleted_at IS NULL
            """,
            new { permit.ClientId, zoneId, permit.PermitNumber },
            cancellationToken,
            transaction));
        return row?.ToRecord();
    }

    private static Task InsertEventAsync(
        DbConnection connection, DbTransaction transaction, PermitEvent permitEvent, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(Command(
            """
            INSERT INTO permit_events (permit_id, kind, token_id, at, changes)
            VALUES (@PermitId, @Kind, @TokenId, @At, @Changes)
            """,
            new
            {
                permitEvent.PermitId,
                Kind = permitEvent.Kind.ToString().ToLowerInvariant(),
                permitEvent.TokenId,
                At = UnixTime.ToMicroseconds(permitEvent.At),
                Changes = EventChanges.Serialize(permitEvent.Changes),
            },
            cancellationToken,
            transaction));

    private static CommandDefinition Command(
        string sql, object? parameters, CancellationToken cancellationToken, IDbTransaction? transaction = null) =>
        new(sql, parameters, transaction, cancellationToken: cancellationToken);
}
