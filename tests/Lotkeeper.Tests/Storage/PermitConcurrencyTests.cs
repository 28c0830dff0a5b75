using Lotkeeper.Configuration;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Storage;

/// <summary>
/// Races writers against one store: the permit-number unique index must leave one permit per number, and the
/// optimistic version check must leave one consistent history per permit.
/// </summary>
public abstract class PermitConcurrencyTests(Backend backend, PostgresCluster cluster) : IAsyncLifetime
{
    private const int Writers = 24;

    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private TestDatabase? database;
    private ISqlDatabase? sqlDatabase;
    private SqlStore? store;
    private ClientRecord? client;
    private ZoneRecord? zone;

    private SqlStore Store => store!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(backend, cluster);
        sqlDatabase = StoreFactory.CreateDatabase(
            new StorageOptions { Provider = database.Provider, ConnectionString = database.ConnectionString });
        store = new SqlStore(sqlDatabase);
        await store.MigrateAsync(CancellationToken.None);
        client = await store.AddClientAsync(
            new ClientRecord(
                0, "RACE", "Race client", "UTC", "CAD", ZonePolicy.AutoCreate, TimeSpan.Zero, TimeSpan.FromMinutes(15),
                Now),
            CancellationToken.None);
        zone = await store.AddZoneAsync(client.Id, "Lot 4", null, Now, CancellationToken.None);
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Parallel_pushes_store_one_permit(bool zoneExists)
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var zoneName = zoneExists ? "Lot 4" : "New Lot";
        var pushes = Enumerable.Range(0, Writers)
            .Select(_ => Task.Run(async () =>
            {
                await gate.Task;
                return await Store.CreatePermitAsync(
                    NewPermitFor(zoneExists ? zone!.Id : null, zoneName, "L4-1138"), idempotency: null, CancellationToken.None);
            }))
            .ToList();

        gate.SetResult();
        var results = await Task.WhenAll(pushes);

        var stored = await Store.ListPermitsAsync(client!.Id, includeDeleted: true, 1000, CancellationToken.None);
        var winner = Assert.Single(stored);
        Assert.Single(results, result => result.Created);
        Assert.All(results, result => Assert.Equal(winner.ReferenceId, result.Permit.ReferenceId));
        Assert.Equal(zoneName, winner.ZoneName);
        var history = await Store.ListEventsAsync(winner.Id, CancellationToken.None);
        Assert.Equal(PermitEventKind.Created, Assert.Single(history).Kind);
    }

    [Fact]
    public async Task Push_after_delete_reuses_permit_number()
    {
        var first = await Store.CreatePermitAsync(NewPermitFor(zone!.Id, "Lot 4", "L4-7"), idempotency: null, CancellationToken.None);
        await Store.DeletePermitAsync(
            first.Permit.Id, first.Permit.Version, DeleteEvent(first.Permit.Id), idempotency: null, CancellationToken.None);

        var second = await Store.CreatePermitAsync(NewPermitFor(zone.Id, "Lot 4", "L4-7"), idempotency: null, CancellationToken.None);

        Assert.True(second.Created);
        Assert.NotEqual(first.Permit.ReferenceId, second.Permit.ReferenceId);
    }

    [Fact]
    public async Task Parallel_updates_and_delete_keep_history()
    {
        var created = await Store.CreatePermitAsync(NewPermitFor(zone!.Id, "Lot 4", null), idempotency: null, CancellationToken.None);
        var permit = created.Permit;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var updates = Enumerable.Range(1, Writers)
            .Select(index => Task.Run(async () =>
            {
                await gate.Task;
                return await UpdateUntilStoredAsync(permit.ReferenceId, index);
            }))
            .ToList();
        var delete = Task.Run(async () =>
        {
            await gate.Task;
            return await DeleteUntilStoredAsync(permit.ReferenceId);
        });

        gate.SetResult();
        var updated = await Task.WhenAll(updates);
        var deleted = await delete;

        var history = await Store.ListEventsAsync(permit.Id, CancellationToken.None);
        var final = await Store.FindPermitAsync(permit.ReferenceId, CancellationToken.None);
        Assert.True(deleted);
        Assert.Equal(PermitEventKind.Created, history[0].Kind);
        Assert.Equal(PermitEventKind.Deleted, history[^1].Kind);
        Assert.Single(history, entry => entry.Kind == PermitEventKind.Deleted);
        Assert.Equal(updated.Count(stored => stored), history.Count(entry => entry.Kind == PermitEventKind.Updated));
        Assert.Equal(history.OrderBy(entry => entry.Id).Select(entry => entry.Id), history.Select(entry => entry.Id));
        Assert.NotNull(final);
        Assert.NotNull(final.DeletedAt);
        Assert.Equal(history.Count, final.Version);
        AssertPlateChangesChain(permit.PlateRaw!, history);
    }

    /// <summary>
    /// Follows the service's protocol for an update: read the live permit, write it if its version is unchanged,
    /// and read again when another writer got there first. Returns false when the permit is gone.
    /// </summary>
    private async Task<bool> UpdateUntilStoredAsync(string referenceId, int index)
    {
        while (true)
        {
            var stored = await Store.FindLivePermitAsync(client!.Id, referenceId, CancellationToken.None);
            if (stored is null)
            {
                return false;
            }

            var plate = "UPD" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var updated = stored with
            {
                PlateRaw = plate,
                PlateNormalized = plate,
                End = stored.Start.AddHours(index),
                UpdatedAt = Now,
            };
            var changes = PermitChanges.Between(stored, updated);
            var updateEvent = new PermitEvent(0, stored.Id, PermitEventKind.Updated, null, Now, changes);
            if (await Store.UpdatePermitAsync(updated, stored.Version, updateEvent, idempotency: null, CancellationToken.None))
            {
                return true;
            }
        }
    }

    private async Task<bool> DeleteUntilStoredAsync(string referenceId)
    {
        while (true)
        {
            var stored = await Store.FindLivePermitAsync(client!.Id, referenceId, CancellationToken.None);
            if (stored is null)
            {
                return false;
            }

            var deleteEvent = DeleteEvent(stored.Id);
            if (await Store.DeletePermitAsync(stored.Id, stored.Version, deleteEvent, idempotency: null, CancellationToken.None))
            {
                return true;
            }
        }
    }

    /// <summary>Asserts that each update's old plate is the plate the previous event left, so none was lost.</summary>
    private static void AssertPlateChangesChain(string createdPlate, IReadOnlyList<PermitEvent> history)
    {
        var plate = createdPlate;
        foreach (var entry in history.Where(entry => entry.Kind == PermitEventKind.Updated))
        {
            var change = Assert.Single(entry.Changes, field => field.Field == "plate");
            Assert.Equal(plate, change.Old);
            plate = change.New!;
        }
    }

    private static PermitEvent DeleteEvent(long permitId) =>
        new(0, permitId, PermitEventKind.Deleted, null, Now, []);

    private NewPermit NewPermitFor(long? zoneId, string zoneName, string? permitNumber) => new(
        Guid.CreateVersion7().ToString("D"),
        client!.Id,
        zoneId,
        zoneName,
        null,
        ZoneNames.KeyOf(zoneName),
        new Plate("PL8RDR", "PL8RDR"),
        Now,
        Now.AddMinutes(30),
        1450,
        "CAD",
        permitNumber,
        PermitType.Temp,
        Now,
        null);
}

public sealed class SqlitePermitConcurrencyTests(PostgresCluster cluster)
    : PermitConcurrencyTests(Backend.Sqlite, cluster);

public sealed class PostgresPermitConcurrencyTests(PostgresCluster cluster)
    : PermitConcurrencyTests(Backend.Postgres, cluster);
