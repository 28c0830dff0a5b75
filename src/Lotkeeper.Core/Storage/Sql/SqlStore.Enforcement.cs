using System.Data.Common;
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
        ReadAsync(connection => connection.ExecuteScalarAsync<long>(Command(
            "SELECT COALESCE(MAX(last_seq), 0) FROM permit_change_counters WHERE client_id = @clientId",
            new { clientId },
            cancellationToken)), cancellationToken);

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
            cancellationToken);

    private Task<IReadOnlyList<ChangedPermit>> QueryChangedAsync(
        string sql, object parameters, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<ChangedPermit>>(async connection =>
        {
            var rows = await connection.QueryAsync<PermitRow, long, ChangedPermit>(
                Command(sql, parameters, cancellationToken),
                (row, sequence) => new ChangedPermit(row.ToRecord(), sequence),
                splitOn: "Sequence");
            return [.. rows];
        }, cancellationToken);

    /// <summary>
    /// Gives the permit the next change sequence number of its client. Call it as the last statement of a write
    /// transaction.
    /// </summary>
    /// <remarks>
    /// The counter row stays locked until the transaction ends, so a client's changes are numbered in commit order.
    /// On PostgreSQL an identity column would hand out numbers in start order instead. With the lock, a feed reader
    /// that sees change N has already seen every change below N. Writers of one client queue on that row only from this
    /// statement to their commit, and writers of different clients never wait for each other. Taking it last keeps
    /// the lock short and means no writer holds it while waiting for a permit row, which rules out deadlocks.
    /// NOTE: on PostgreSQL the lock is held through the commit's WAL flush, so one client's writes run one at a time:
    /// with 64 concurrent pushes for one client most backends wait on this row (pg_stat_activity shows
    /// Lock/transactionid) and pushes stay below a few hundred a second. Numbering changes after commit, behind the
    /// oldest open transaction, would remove the wait.
    /// </remarks>
    private static async Task StampChangeAsync(
        DbConnection connection, DbTransaction transaction, long permitId, CancellationToken cancellationToken)
    {
        var sequence = await connection.ExecuteScalarAsync<long>(Command(
            """
            INSERT INTO permit_change_counters (client_id, last_seq)
            SELECT client_id, 1 FROM permits WHERE id = @permitId
            ON CONFLICT (client_id) DO UPDATE SET last_seq = permit_change_counters.last_seq + 1
            RETURNING last_seq
            """,
            new { permitId },
            cancellationToken,
            transaction));
        await connection.ExecuteAsync(Command(
            "UPDATE permits SET change_seq = @sequence WHERE id = @permitId",
            new { sequence, permitId },
            cancellationToken,
            transaction));
    }
}
