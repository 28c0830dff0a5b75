using Dapper;
using DbUp;
using Lotkeeper.Configuration;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lotkeeper.Tests.Storage;

/// <summary>
/// The kept stats counts against a scan of the permits themselves: both must return the same rows at every instant,
/// whatever writes, compactions and clock moves came before.
/// </summary>
public abstract class StatsCountsTests(Backend backend, PostgresCluster cluster) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] ZoneNamesUsed = ["Lot 4", "Lot 5", "Garage"];

    private readonly FakeTimeProvider clock = new(Start);
    private TestDatabase? database;
    private ISqlDatabase? sqlDatabase;
    private SqlStore? store;
    private ClientRecord? client;

    private SqlStore Store => store!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(backend, cluster);
        sqlDatabase = StoreFactory.CreateDatabase(
            new StorageOptions { Provider = database.Provider, ConnectionString = database.ConnectionString });
        store = new SqlStore(sqlDatabase);
    }

    public async ValueTask DisposeAsync()
    {
        (sqlDatabase as IDisposable)?.Dispose();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Kept_counts_match_scan_after_random_writes()
    {
        await SetUpClientAsync();
        var random = new Random(20260615);
        var live = new List<PermitRecord>();
        long folded = 0;
        var compared = 0;
        var countedPermits = 0L;

        for (var step = 0; step < 240; step++)
        {
            clock.Advance(TimeSpan.FromSeconds(random.Next(0, 15 * 60)));
            var now = clock.GetUtcNow();
            var operation = live.Count < 5 ? 0 : random.Next(10);
            if (operation < 5)
            {
                // Starts from 3 hours ago to 3 hours ahead, some on a whole minute so that marks share instants.
                var start = now.AddMinutes(random.Next(-180, 180)).AddSeconds(random.Next(2) * random.Next(60));
                var permit = await PushAsync(
                    ZoneNamesUsed[random.Next(ZoneNamesUsed.Length)],
                    (PermitType)random.Next(3),
                    start,
                    start.AddMinutes(random.Next(1, 240)));
                live.Add(permit);
            }
            else if (operation < 8)
            {
                var index = random.Next(live.Count);
                var end = live[index].Start.AddMinutes(random.Next(1, 300));
                live[index] = await UpdateEndAsync(live[index], end);
            }
            else
            {
                var index = random.Next(live.Count);
                await DeleteAsync(live[index]);
                live.RemoveAt(index);
            }

            if (step % 7 == 0)
            {
                folded += await Store.CompactStatsAsync(now.AddMinutes(-random.Next(0, 30)), CancellationToken.None);
            }

            var instants = new List<DateTimeOffset> { now, now.AddMinutes(-20), now.AddHours(2) };
            if (live.Count > 0)
            {
                var chosen = live[random.Next(live.Count)];
                instants.AddRange([chosen.Start, chosen.End, chosen.End.AddTicks(-10)]);
            }

            foreach (var instant in instants)
            {
                var scanned = await ScanAsync(instant);
                Assert.Equal(scanned, await CountAsync(instant));
                compared++;
                countedPermits += scanned.Sum(row => row.Total);
            }
        }

        Assert.True(folded > 100, $"Compaction folded only {folded} marks.");
        Assert.True(countedPermits > 1000, $"The compared instants counted only {countedPermits} permits.");
        Assert.True(compared >= 240 * 3, $"Only {compared} instants were compared.");
    }

    [Fact]
    public async Task Instant_before_compaction_point_counts_by_scan()
    {
        await SetUpClientAsync();
        var now = clock.GetUtcNow();
        await PushAsync("Lot 4", PermitType.Temp, now.AddHours(-2), now.AddMinutes(-30));
        await PushAsync("Lot 4", PermitType.Temp, now.AddMinutes(-10), now.AddHours(1));
        await PushAsync("Lot 5", PermitType.Standard, now.AddHours(-3), now.AddHours(1));
        await Store.CompactStatsAsync(now, CancellationToken.None);

        var earlier = await CountAsync(now.AddHours(-1));
        var current = await CountAsync(now);

        // Compaction through now put every start and the first permit's end in the base. Without the fallback, Lot 4
        // an hour earlier would count the second permit instead of the first.
        Assert.Equal([Row("Lot 4", "temp", 1), Row("Lot 5", "standard", 1)], earlier);
        Assert.Equal([Row("Lot 4", "temp", 1), Row("Lot 5", "standard", 1)], current);
        Assert.Equal(await ScanAsync(now.AddHours(-1)), earlier);
    }

    [Fact]
    public async Task Push_starting_before_compaction_point_counts()
    {
        await SetUpClientAsync();
        var now = clock.GetUtcNow();
        await Store.CompactStatsAsync(now, CancellationToken.None);

        await PushAsync("Lot 4", PermitType.Temp, now.AddHours(-1), now.AddHours(1));
        var beforeCompaction = await CountAsync(now);
        await Store.CompactStatsAsync(now, CancellationToken.None);
        var afterCompaction = await CountAsync(now);

        Assert.Equal([Row("Lot 4", "temp", 1)], beforeCompaction);
        Assert.Equal([Row("Lot 4", "temp", 1)], afterCompaction);
    }

    [Fact]
    public async Task Updated_and_deleted_permits_leave_counts()
    {
        await SetUpClientAsync();
        var now = clock.GetUtcNow();
        var shortened = await PushAsync("Lot 4", PermitType.Temp, now.AddHours(-1), now.AddHours(1));
        var deleted = await PushAsync("Lot 4", PermitType.Temp, now.AddHours(-1), now.AddHours(1));
        var extended = await PushAsync("Lot 5", PermitType.Temp, now.AddHours(-2), now.AddHours(-1));
        await Store.CompactStatsAsync(now.AddMinutes(-1), CancellationToken.None);

        await UpdateEndAsync(shortened, now.AddMinutes(-30));
        await DeleteAsync(deleted);
        await UpdateEndAsync(extended, now.AddHours(3));
        var beforeCompaction = await CountAsync(now);
        await Store.CompactStatsAsync(now, CancellationToken.None);
        var afterCompaction = await CountAsync(now);

        Assert.Equal([Row("Lot 5", "temp", 1)], beforeCompaction);
        Assert.Equal([Row("Lot 5", "temp", 1)], afterCompaction);
    }

    [Fact]
    public async Task Compaction_during_writes_loses_no_marks()
    {
        await SetUpClientAsync();
        var now = clock.GetUtcNow();
        using var stop = new CancellationTokenSource();
        var compactions = 0;
        var compactor = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Store.CompactStatsAsync(now, CancellationToken.None);
                compactions++;
            }
        });

        var writers = Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                var start = now.AddMinutes(-1 - ((writer * 25) + i));
                var permit = await PushAsync(ZoneNamesUsed[i % 3], PermitType.Temp, start, now.AddHours(1));
                if (i % 5 == 0)
                {
                    await DeleteAsync(permit);
                }
            }
        }));
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        await compactor;
        await Store.CompactStatsAsync(now, CancellationToken.None);

        var counted = await CountAsync(now);

        Assert.True(compactions > 1, $"Only {compactions} compactions ran during the writes.");
        Assert.Equal(await ScanAsync(now), counted);
        Assert.Equal(160, counted.Sum(row => row.Total));
    }

    [Fact]
    public async Task Migration_backfills_marks_of_stored_permits()
    {
        MigrateBeforeStatsCounts();
        await SetUpClientAsync(migrate: false);
        var now = clock.GetUtcNow();
        await InsertPermitRowAsync("Lot 4", "temp", now.AddHours(-1), now.AddHours(1), deletedAt: null);
        await InsertPermitRowAsync("Lot 4", "standard", now.AddHours(-1), now.AddHours(1), deletedAt: null);
        await InsertPermitRowAsync("Lot 4", "temp", now.AddHours(-1), now.AddHours(1), deletedAt: now.AddMinutes(-5));
        await InsertPermitRowAsync("Lot 5", "validator", now.AddHours(1), now.AddHours(2), deletedAt: null);
        await InsertPermitRowAsync("Lot 5", "temp", now.AddDays(-3), now.AddDays(-2), deletedAt: null);
        var instants = new[] { now, now.AddHours(1), now.AddHours(1.5), now.AddDays(-2.5), now.AddHours(3) };
        var scannedBefore = new List<IReadOnlyList<StatsRow>>();
        foreach (var instant in instants)
        {
            scannedBefore.Add(await ScanAsync(instant));
        }

        await Store.MigrateAsync(CancellationToken.None);
        var counted = new List<IReadOnlyList<StatsRow>>();
        foreach (var instant in instants)
        {
            counted.Add(await CountAsync(instant));
        }

        await Store.CompactStatsAsync(now, CancellationToken.None);
        var countedAfterCompaction = await CountAsync(now.AddHours(1.5));

        Assert.Equal([Row("Lot 4", "standard", 1), Row("Lot 4", "temp", 1)], scannedBefore[0]);
        for (var i = 0; i < instants.Length; i++)
        {
            Assert.Equal(scannedBefore[i], counted[i]);
        }

        Assert.Equal([Row("Lot 5", "validator", 1)], countedAfterCompaction);
    }

    private async Task SetUpClientAsync(bool migrate = true)
    {
        if (migrate)
        {
            await Store.MigrateAsync(CancellationToken.None);
        }

        client = await Store.AddClientAsync(
            new ClientRecord(
                0, "STATS", "Stats client", "UTC", "CAD", ZonePolicy.AutoCreate, TimeSpan.Zero,
                TimeSpan.FromMinutes(15), Start),
            CancellationToken.None);
        foreach (var name in ZoneNamesUsed)
        {
            await Store.AddZoneAsync(client.Id, name, null, Start, CancellationToken.None);
        }
    }

    private Task<IReadOnlyList<StatsRow>> CountAsync(DateTimeOffset instant) =>
        SortedAsync(Store.CountActivePermitsAsync(client!.Id, instant, null, CancellationToken.None));

    private Task<IReadOnlyList<StatsRow>> ScanAsync(DateTimeOffset instant) =>
        SortedAsync(Store.CountActivePermitsByScanAsync(client!.Id, instant, null, CancellationToken.None));

    private static async Task<IReadOnlyList<StatsRow>> SortedAsync(Task<IReadOnlyList<StatsRow>> rows) =>
        [.. (await rows)
            .OrderBy(row => row.Zone, StringComparer.Ordinal)
            .ThenBy(row => row.Type, StringComparer.Ordinal)];

    private static StatsRow Row(string zone, string type, long total) => new(zone, ZoneNames.KeyOf(zone), type, total);

    private async Task<PermitRecord> PushAsync(string zone, PermitType type, DateTimeOffset start, DateTimeOffset end)
    {
        var zoneRecord = await Store.FindZoneAsync(client!.Id, ZoneNames.KeyOf(zone), CancellationToken.None);
        var result = await Store.CreatePermitAsync(
            new NewPermit(
                Guid.CreateVersion7().ToString("D"),
                client.Id,
                zoneRecord!.Id,
                zone,
                null,
                ZoneNames.KeyOf(zone),
                new Plate("ST8TS", "ST8TS"),
                UnixTime.Truncate(start),
                UnixTime.Truncate(end),
                null,
                "CAD",
                null,
                type,
                UnixTime.Truncate(clock.GetUtcNow()),
                null),
            idempotency: null,
            CancellationToken.None);
        return result.Permit;
    }

    private async Task<PermitRecord> UpdateEndAsync(PermitRecord permit, DateTimeOffset end)
    {
        var now = UnixTime.Truncate(clock.GetUtcNow());
        var updated = permit with { End = UnixTime.Truncate(end), UpdatedAt = now };
        var updateEvent = new PermitEvent(
            0, permit.Id, PermitEventKind.Updated, null, now, PermitChanges.Between(permit, updated));
        Assert.True(await Store.UpdatePermitAsync(updated, permit.Version, updateEvent, null, CancellationToken.None));
        return (await Store.FindPermitAsync(permit.ReferenceId, CancellationToken.None))!;
    }

    private async Task DeleteAsync(PermitRecord permit)
    {
        var deleteEvent = new PermitEvent(
            0, permit.Id, PermitEventKind.Deleted, null, UnixTime.Truncate(clock.GetUtcNow()), []);
        var deleted = await Store.DeletePermitAsync(permit.Id, permit.Version, deleteEvent, null, CancellationToken.None);
        Assert.True(deleted);
    }

    /// <summary>Applies the migrations up to 0003, the schema before the stats counts.</summary>
    private void MigrateBeforeStatsCounts()
    {
        var folder = backend == Backend.Postgres ? ".Storage.Postgres.Migrations." : ".Storage.Sqlite.Migrations.";
        var builder = backend == Backend.Postgres
            ? DeployChanges.To.PostgresqlDatabase(database!.ConnectionString)
            : DeployChanges.To.SqliteDatabase(database!.ConnectionString);
        var result = builder
            .WithScriptsEmbeddedInAssembly(
                typeof(SqlStore).Assembly,
                name => name.Contains(folder, StringComparison.Ordinal) && IsBeforeStatsCounts(name, folder))
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build()
            .PerformUpgrade();
        Assert.True(result.Successful, result.Error?.ToString());
        Assert.Equal(3, result.Scripts.Count());
    }

    private static bool IsBeforeStatsCounts(string scriptName, string folder)
    {
        var fileName = scriptName[(scriptName.IndexOf(folder, StringComparison.Ordinal) + folder.Length)..];
        return string.CompareOrdinal(fileName, "0004") < 0;
    }

    private async Task InsertPermitRowAsync(
        string zone, string type, DateTimeOffset start, DateTimeOffset end, DateTimeOffset? deletedAt)
    {
        var zoneRecord = await Store.FindZoneAsync(client!.Id, ZoneNames.KeyOf(zone), CancellationToken.None);
        await using var connection = await sqlDatabase!.OpenAsync(CancellationToken.None);
        var created = UnixTime.ToMicroseconds(Start);
        await connection.ExecuteAsync(
            """
            INSERT INTO permits (reference_id, client_id, zone_id, plate_raw, plate_normalized, plate_folded,
                start_at, end_at, amount_cents, currency, permit_number, permit_type, created_at, updated_at,
                deleted_at, version, change_seq)
            VALUES (@reference, @clientId, @zoneId, 'ST8TS', 'ST8TS', '5T8T5', @start, @end, NULL, 'CAD', NULL,
                @type, @created, @created, @deleted, 1, 0)
            """,
            new
            {
                reference = Guid.CreateVersion7().ToString("D"),
                clientId = client.Id,
                zoneId = zoneRecord!.Id,
                start = UnixTime.ToMicroseconds(start),
                end = UnixTime.ToMicroseconds(end),
                type,
                created,
                deleted = deletedAt is { } at ? UnixTime.ToMicroseconds(at) : (long?)null,
            });
    }
}

public sealed class SqliteStatsCountsTests(PostgresCluster cluster) : StatsCountsTests(Backend.Sqlite, cluster);

public sealed class PostgresStatsCountsTests(PostgresCluster cluster) : StatsCountsTests(Backend.Postgres, cluster);
