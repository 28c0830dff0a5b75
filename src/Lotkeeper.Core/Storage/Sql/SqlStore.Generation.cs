using System.Globalization;
using System.Text;
using Dapper;
using Lotkeeper.Domain;
using Lotkeeper.Enforcement;

namespace Lotkeeper.Storage.Sql;

public sealed partial class SqlStore
{
    /// <summary>Rows per multi-row <c>INSERT</c>; 500 rows of 11 parameters stay under SQLite's 32766.</summary>
    private const int GeneratedRowsPerStatement = 500;

    /// <summary>
    /// Inserts many permits of one client in one transaction, with their creation events and change sequence
    /// numbers, for benchmarks and load tests. Every permit must name an existing zone (<see cref="NewPermit.ZoneId"/>)
    /// and carry no permit number, because this path skips the duplicate check of a push.
    /// </summary>
    public Task InsertGeneratedPermitsAsync(
        long clientId, IReadOnlyList<NewPermit> permits, CancellationToken cancellationToken)
    {
        if (permits.Any(permit => permit.ClientId != clientId || permit.ZoneId is null || permit.PermitNumber is not null))
        {
            throw new ArgumentException(
                "Generated permits must all belong to the client, name an existing zone and have no permit number.",
                nameof(permits));
        }

        return WriteAsync(async (connection, transaction) =>
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
            var firstSequence = lastSequence - permits.Count + 1;

            for (var offset = 0; offset < permits.Count; offset += GeneratedRowsPerStatement)
            {
                var batch = permits.Skip(offset).Take(GeneratedRowsPerStatement).ToList();
                var (permitSql, permitParameters) = BuildPermitInsert(clientId, batch, firstSequence + offset);
                await connection.ExecuteAsync(Command(permitSql, permitParameters, cancellationToken, transaction));
                var (eventSql, eventParameters) = BuildEventInsert(batch);
                await connection.ExecuteAsync(Command(eventSql, eventParameters, cancellationToken, transaction));
            }

            return permits.Count;
        }, cancellationToken);
    }

    private static (string Sql, DynamicParameters Parameters) BuildPermitInsert(
        long clientId, IReadOnlyList<NewPermit> batch, long firstSequence)
    {
        var sql = new StringBuilder(
            """
            INSERT INTO permits (reference_id, client_id, zone_id, plate_raw, plate_normalized, plate_folded,
                start_at, end_at, amount_cents, currency, permit_number, permit_type, created_at, updated_at,
                deleted_at, version, change_seq)
            VALUES
            """);
        var parameters = new DynamicParameters(new { clientId });
        for (var i = 0; i < batch.Count; i++)
        {
            var permit = batch[i];
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "\n" : ",\n").Append(CultureInfo.InvariantCulture,
                $"(@r{n}, @clientId, @z{n}, @p{n}, @n{n}, @f{n}, @s{n}, @e{n}, @a{n}, @c{n}, NULL, @t{n}, "
                + $"@w{n}, @w{n}, NULL, 1, @q{n})");
            parameters.Add("r" + n, permit.ReferenceId);
            parameters.Add("z" + n, permit.ZoneId);
            parameters.Add("p" + n, permit.Plate.Raw);
            parameters.Add("n" + n, permit.Plate.Normalized);
            parameters.Add("f" + n, PlateKeys.Fold(permit.Plate.Normalized));
            parameters.Add("s" + n, UnixTime.ToMicroseconds(permit.Start));
            parameters.Add("e" + n, UnixTime.ToMicroseconds(permit.End));
            parameters.Add("a" + n, permit.AmountCents);
            parameters.Add("c" + n, permit.Currency);
            parameters.Add("t" + n, PermitTypes.NameOf(permit.Type));
            parameters.Add("w" + n, UnixTime.ToMicroseconds(permit.CreatedAt));
            parameters.Add("q" + n, firstSequence + i);
        }

        return (sql.ToString(), parameters);
    }

    private static (string Sql, DynamicParameters Parameters) BuildEventInsert(IReadOnlyList<NewPermit> batch)
    {
        // Both databases name the columns of an unnamed VALUES list column1, column2 and so on.
        var values = new StringBuilder();
        var parameters = new DynamicParameters();
        for (var i = 0; i < batch.Count; i++)
        {
            var n = i.ToString(CultureInfo.InvariantCulture);
            values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@r{n}, @c{n})");
            parameters.Add("r" + n, batch[i].ReferenceId);
            parameters.Add("c" + n, EventChanges.Serialize(PermitChanges.OfCreation(batch[i])));
        }

        var sql = $"""
            INSERT INTO permit_events (permit_id, kind, token_id, at, changes)
            SELECT p.id, 'created', NULL, p.created_at, v.column2
            FROM (VALUES {values}) AS v JOIN permits p ON p.reference_id = v.column1
            """;
        return (sql, parameters);
    }
}
