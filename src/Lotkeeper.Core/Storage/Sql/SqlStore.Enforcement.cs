using Dapper;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore : IEnforcementStore
{
    private const string ChangedPermitColumns = PermitColumns + ", p.change_seq AS Sequence";

    public Task<ZoneRecord?> FindZoneByIdAsync(long clientId, long zoneId, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<ZoneRow>(Command(
                $"""
                SELECT {ZoneColumns} FROM zones z
                WHERE z.id = @zoneId AND z.client_id = @clientId AND z.removed_at IS NULL
                """,
                new { clientId, zoneId },
                cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);

    public Task<IReadOnlyList<PermitRecord>> FindLivePermitsByFoldedPlateAsync(
        long clientId, string foldedPlate, DateTimeOffset endAfter, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<PermitRecord>>(async connection =>
        {
            // Served by permits_live_folded (client_id, plate_folded, end_at) WHERE deleted_at IS NULL.
            var rows = await connection.QueryAsync<PermitRow>(Command(
                $"""
                SELECT {PermitColumns} FROM permits p JOIN zones z ON z.id = p.zone_id
                WHERE p.client_id = @clientId AND p.plate_folded = @foldedPlate AND p.end_at > @endAfter
                    AND p.deleted_at IS NULL
                """,
                new { clientId, foldedPlate, endAfter = UnixTime.ToMicroseconds(endAfter) },
                cancellationToken));
            return [.. rows.Select(row => row.ToRecord())];
        }, cancellationToken);

    public Task<PermitRecord?> FindClientPermitAsync(
        long clientId, string referenceId, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<PermitRow>(Command(
                $"""
                SELECT {PermitColumns} FROM permits p JOIN zones z ON z.id = p.zone_id
                WHERE p.reference_id = @referenceId AND p.client_id = @clientId
                """,
                new { clientId, referenceId },
                cancellationToken));
            return row?.ToRecord();
        }, cancellationToken);

    public Task<long> ReadChangeSequenceAsync(long clientId, CancellationToken cancellationToken) =>
        ReadAsync(async connection =>
        {
            if (database.ChangeNumbering == ChangeNumbering.AfterCommit)
            {
                return await NumberCommittedChangesAsync(connection, clientId, cancellationToken);
            }

            return await connection.ExecuteScalarAsync<long>(Command(
                "SELECT COALESCE(MAX(last_seq), 0) FROM permit_change_counters WHERE client_id = @clientId",
                new { clientId },
                cancellationToken));
        }, cancellationToken);

    public Task<IReadOnlyList<ChangedPermit>> ListUnexpiredPermitsAsync(
        long zoneId, DateTimeOffset endAfter, long afterId, int limit, CancellationToken cancellationToken) =>
        QueryChangedAsync(
            $"""
            SELECT {ChangedPermitColumns} FROM permits p JOIN zones z ON z.id = p.zone_id
            WHERE p.zone_id = @zoneId AND p.deleted_at IS NULL AND p.end_at > @endAfter AND p.id > @afterId
            ORDER BY p.id
            LIMIT @limit
            """,
            new { zoneId, endAfter = UnixTime.ToMicroseconds(endAfter), afterId, limit },
            numberFirst: false,
            cancellationToken);

    public Task<IReadOnlyList<ChangedPermit>> ListChangedPermitsAsync(
        long zoneId, long afterSequence, int limit, CancellationToken cancellationToken) =>
        QueryChangedAsync(
            $"""
            SELECT {ChangedPermitColumns} FROM permits p JOIN zones z ON z.id = p.zone_id
            WHERE p.zone_id = @zoneId AND p.change_seq > @afterSequence
            ORDER BY p.change_seq
            LIMIT @limit
            """,
            new { zoneId, afterSequence, limit },
            numberFirst: true,
            cancellationToken);

    /// <param name="numberFirst">
    /// Whether committed changes are numbered before the query, on engines that number them after commit.
    /// </param>
    private Task<IReadOnlyList<ChangedPermit>> QueryChangedAsync(
        string sql, object parameters, bool numberFirst, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ChangedPermit>>(async connection =>
        {
            if (numberFirst && database.ChangeNumbering == ChangeNumbering.AfterCommit)
            {
                await NumberCommittedChangesAsync(connection, clientId: null, cancellationToken);
            }

            var rows = await connection.QueryAsync<PermitRow, long, ChangedPermit>(
                Command(sql, parameters, cancellationToken),
                (row, sequence) => new ChangedPermit(row.ToRecord(), sequence),
                splitOn: "Sequence");
            return [.. rows];
        }, cancellationToken);
}
