using Dapper;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore
{
    /// <summary>Permits anonymized per transaction, so that SQLite writers wait for one short batch at most.</summary>
    private const int PurgeBatchSize = 500;

    public async Task<int> PurgePlatesAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var total = 0;
        while (true)
        {
            var purged = await WriteBulkAsync(async (connection, transaction) =>
            {
                var ids = (await connection.QueryAsync<long>(Command(
                    """
                    SELECT id FROM permits
                    WHERE plate_raw IS NOT NULL AND (end_at < @cutoff OR deleted_at < @cutoff)
                    ORDER BY id LIMIT @limit
                    """,
                    new { cutoff = UnixTime.ToMicroseconds(cutoff), limit = PurgeBatchSize },
                    cancellationToken,
                    transaction))).ToList();
                foreach (var permitId in ids)
                {
                    var events = await connection.QueryAsync<(long Id, string Changes)>(Command(
                        "SELECT id, changes FROM permit_events WHERE permit_id = @permitId",
                        new { permitId },
                        cancellationToken,
                        transaction));
                    foreach (var (eventId, changes) in events)
                    {
                        if (WithoutPlate(changes) is { } anonymized)
                        {
                            await connection.ExecuteAsync(Command(
                                "UPDATE permit_events SET changes = @anonymized WHERE id = @eventId",
                                new { anonymized, eventId },
                                cancellationToken,
                                transaction));
                        }
                    }

                    // The version changes so that an update that read the plate before the purge cannot restore it.
                    await connection.ExecuteAsync(Command(
                        """
                        UPDATE permits SET plate_raw = NULL, plate_normalized = NULL, plate_folded = NULL, version = version + 1
                        WHERE id = @permitId
                        """,
                        new { permitId },
                        cancellationToken,
                        transaction));
                }

                return ids.Count;
            }, cancellationToken);
            total += purged;
            if (purged < PurgeBatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>Returns the event's changes without the plate's old and new values, or null if it had none.</summary>
    private static string? WithoutPlate(string changes)
    {
        var fields = EventChanges.Deserialize(changes);
        if (!fields.Any(field => field.Field == "plate" && (field.Old is not null || field.New is not null)))
        {
            return null;
        }

        return EventChanges.Serialize(
            [.. fields.Select(field => field.Field == "plate" ? field with { Old = null, New = null } : field)]);
    }
}
