using System.Data.Common;
using Dapper;
using Lotkeeper.Domain;
using Lotkeeper.Enforcement;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore
{
    /// <summary>
    /// Inserts many permits of one client in one transaction, with their creation events, change sequence numbers
    /// (on PostgreSQL, numbered by the next feed read) and stats marks, for benchmarks and load tests. Every permit
    /// must end after it starts, name an existing zone (<see cref="NewPermit.ZoneId"/>) and carry no permit number,
    /// because this path skips the checks of a push.
    /// </summary>
    /// <remarks>
    /// One prepared command is reused for every row: multi-row statements with thousands of named parameters are
    /// slower on SQLite, whose provider looks each parameter name up one by one.
    /// </remarks>
    public Task InsertGeneratedPermitsAsync(
        long clientId, IReadOnlyList<NewPermit> permits, CancellationToken cancellationToken)
    {
        if (permits.Any(permit => permit.ClientId != clientId
            || permit.ZoneId is null
            || permit.PermitNumber is not null
            || permit.End <= permit.Start))
        {
            throw new ArgumentException(
                "Generated permits must all belong to the client, name an existing zone, have no permit number and "
                    + "end after they start.",
                nameof(permits));
        }

        return WriteBulkAsync(async (connection, transaction) =>
        {
            // An engine that numbers changes after commit gets the rows unnumbered (0), with this transaction's id
            // from the column default. The next feed read numbers them.
            var numberNow = database.ChangeNumbering == ChangeNumbering.InWriteTransaction;
            var sequence = 0L;
            if (numberNow)
            {
                var lastSequence = await connection.ExecuteScalarAsync<long>(Command(
                    """
                    INSERT INTO permit_change_counters (client_id, last_seq) VALUES (@clientId, @count)
                    ON CONFLICT (client_id) DO UPDATE SET last_seq = permit_change_counters.last_seq + @count
                    RETURNING last_seq
                    """,
                    new { clientId, count = (long)permits.Count },
                    cancellationToken,
                    transaction));
                sequence = lastSequence - permits.Count;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO permits (reference_id, client_id, zone_id, plate_raw, plate_normalized, plate_folded,
                    start_at, end_at, amount_cents, currency, permit_number, permit_type, created_at, updated_at,
                    deleted_at, version, change_seq)
                VALUES (@reference, @client, @zone, @raw, @normalized, @folded, @start, @end, @amount, @currency,
                    NULL, @type, @created, @created, NULL, 1, @sequence);
                INSERT INTO permit_events (permit_id, kind, token_id, at, changes)
                VALUES ((SELECT id FROM permits WHERE reference_id = @reference), 'created', NULL, @created, @changes);
                INSERT INTO permit_stats_marks (client_id, zone_id, permit_type, at, delta)
                VALUES (@client, @zone, @type, @start, 1), (@client, @zone, @type, @end, -1);
                """;
            var parameters = new[]
            {
                "reference", "client", "zone", "raw", "normalized", "folded", "start", "end", "amount", "currency",
                "type", "created", "sequence", "changes",
            }.ToDictionary(name => name, name => AddParameter(command, name));

            foreach (var permit in permits)
            {
                parameters["reference"].Value = permit.ReferenceId;
                parameters["client"].Value = clientId;
                parameters["zone"].Value = permit.ZoneId!.Value;
                parameters["raw"].Value = permit.Plate.Raw;
                parameters["normalized"].Value = permit.Plate.Normalized;
                parameters["folded"].Value = PlateKeys.Fold(permit.Plate.Normalized);
                parameters["start"].Value = UnixTime.ToMicroseconds(permit.Start);
                parameters["end"].Value = UnixTime.ToMicroseconds(permit.End);
                parameters["amount"].Value = permit.AmountCents is { } cents ? cents : DBNull.Value;
                parameters["currency"].Value = permit.Currency;
                parameters["type"].Value = PermitTypes.NameOf(permit.Type);
                parameters["created"].Value = UnixTime.ToMicroseconds(permit.CreatedAt);
                parameters["sequence"].Value = numberNow ? ++sequence : 0L;
                parameters["changes"].Value = EventChanges.Serialize(PermitChanges.OfCreation(permit));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return permits.Count;
        }, cancellationToken);
    }

    private static DbParameter AddParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
