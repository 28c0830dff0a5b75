using System.Data.Common;
using Dapper;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore
{
    // "LOTKSEQ" in ASCII: the advisory lock key held while committed changes are numbered. Other software on the
    // database must not use it.
    private const long ChangeNumberingLockKey = 0x4C4F544B534551;

    /// <summary>Rows numbered per transaction, so that a large backlog does not become one long statement.</summary>
    private const int ChangeNumberingBatchSize = 10_000;

    /// <summary>
    /// Column assignments, appended to the <c>SET</c> list of a permit update or delete, that leave the row's change
    /// to be numbered after commit, in the order of the writers' transaction ids. Empty when this engine numbers
    /// changes in the write transaction.
    /// </summary>
    private string PendingChangeAssignments => database.ChangeNumbering == ChangeNumbering.AfterCommit
        ? ", change_seq = 0, change_xid = pg_current_xact_id()"
        : "";

    /// <summary>
    /// Gives the permit the next change sequence number of its client when this engine numbers changes in the write
    /// transaction. Call it as the last statement of a write transaction. When the engine numbers changes after
    /// commit it does nothing: the write has left <c>change_seq</c> at 0 and its transaction id in
    /// <c>change_xid</c>, through the column defaults on an insert and <see cref="PendingChangeAssignments"/> on an
    /// update or delete, and <see cref="NumberCommittedChangesAsync"/> numbers the row later.
    /// </summary>
    /// <remarks>
    /// The counter row stays locked until the transaction ends, so a client's changes are numbered in commit order,
    /// and a feed reader that sees change N has already seen every change below N. Writers of one client queue on
    /// that row from this statement to their commit. That costs nothing on SQLite, whose writes run one at a time
    /// anyway. On PostgreSQL the lock would be held through each commit's WAL flush and one client's writes would
    /// run one at a time (with 64 concurrent pushes most backends waited on Lock/transactionid), which is why
    /// PostgreSQL numbers changes after commit instead.
    /// </remarks>
    private async Task StampChangeAsync(
        DbConnection connection, DbTransaction transaction, long permitId, CancellationToken cancellationToken)
    {
        if (database.ChangeNumbering == ChangeNumbering.AfterCommit)
        {
            return;
        }

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

    /// <summary>
    /// Numbers the committed changes still at 0, on an engine that numbers changes after commit, then returns the
    /// highest number given to a change of <paramref name="clientId"/> (0 before the first, and when it is null).
    /// Every change numbered at or below the returned value is committed and visible to later statements.
    /// </summary>
    /// <remarks>
    /// <para>
    /// One session numbers at a time, under a transaction-level advisory lock, which also holds through PgBouncer in
    /// transaction mode and across app instances. A run reads only rows committed before its statement started, takes
    /// its numbers from <c>permit_change_seq</c> after the previous run committed, and makes them visible all at once
    /// when it commits. The numbers any statement can see are therefore those of the runs committed before it, each
    /// run's above the previous one's, so a reader that sees change N has seen every change below N. A change that
    /// commits while a run is under way stays at 0 and gets a larger number from a later run. Within a run, rows are
    /// numbered in the order of the transaction ids that wrote them, so changes made one after another keep their
    /// order even when one run numbers them all.
    /// </para>
    /// <para>
    /// A run that aborts leaves its rows at 0 for the next run and a gap in the numbers, which the feed does not mind.
    /// A row locked by a transaction still running, which is writing that permit again, is skipped
    /// (<c>SKIP LOCKED</c>). The run therefore waits for no writer's row lock, so it cannot deadlock with a
    /// writer. A later run numbers the row's newer state, or the older one again when that writer aborts. When no
    /// committed row is at 0, one statement reads the client's highest number without taking the lock.
    /// </para>
    /// </remarks>
    private async Task<long> NumberCommittedChangesAsync(
        DbConnection connection, long? clientId, CancellationToken cancellationToken)
    {
        var (pending, lastSequence) = await connection.QuerySingleAsync<(bool, long)>(Command(
            """
            SELECT EXISTS (SELECT 1 FROM permits WHERE change_seq = 0),
                (SELECT COALESCE(MAX(last_seq), 0) FROM permit_change_counters WHERE client_id = @clientId)
            """,
            new { clientId },
            cancellationToken));
        while (pending)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            long numbered;
            await using (var results = await connection.QueryMultipleAsync(Command(
                """
                SELECT pg_advisory_xact_lock(@lockKey)::text;

                WITH ready AS (
                    SELECT id FROM permits WHERE change_seq = 0
                    ORDER BY change_xid, id
                    LIMIT @batchSize
                    FOR NO KEY UPDATE SKIP LOCKED
                ), numbers AS (
                    SELECT id, nextval('permit_change_seq') AS sequence FROM ready
                ), stamped AS (
                    UPDATE permits p SET change_seq = numbers.sequence FROM numbers WHERE p.id = numbers.id
                    RETURNING p.client_id, p.change_seq
                ), counters AS (
                    INSERT INTO permit_change_counters (client_id, last_seq)
                    SELECT client_id, MAX(change_seq) FROM stamped GROUP BY client_id
                    ON CONFLICT (client_id) DO UPDATE
                        SET last_seq = GREATEST(permit_change_counters.last_seq, EXCLUDED.last_seq)
                )
                SELECT COUNT(*) FROM ready;

                SELECT COALESCE(MAX(last_seq), 0) FROM permit_change_counters WHERE client_id = @clientId;
                """,
                new { lockKey = ChangeNumberingLockKey, batchSize = ChangeNumberingBatchSize, clientId },
                cancellationToken,
                transaction)))
            {
                await results.ReadSingleAsync<string>();
                numbered = await results.ReadSingleAsync<long>();
                lastSequence = await results.ReadSingleAsync<long>();
            }

            await transaction.CommitAsync(cancellationToken);

            // A full batch may have left rows behind; a shorter one took every row it could lock.
            pending = numbered == ChangeNumberingBatchSize;
        }

        return lastSequence;
    }
}
