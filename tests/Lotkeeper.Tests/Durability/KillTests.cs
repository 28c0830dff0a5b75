using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lotkeeper.Auth;
using Lotkeeper.Configuration;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Durability;

/// <summary>
/// Runs the real executable as a separate process, kills it with SIGKILL right after it acknowledged writes, and
/// checks that a restarted server on the same database has every acknowledged permit and its history.
/// </summary>
public abstract class KillTests(Backend backend, PostgresCluster cluster) : IAsyncLifetime
{
    private const int PermitCount = 120;

    private TestDatabase? database;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync(backend, cluster);

    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Acknowledged_permits_survive_sigkill()
    {
        var token = await CreateClientAsync();
        var acknowledged = new ConcurrentDictionary<string, string>();
        var server = await LotkeeperProcess.StartAsync(ServerArguments());

        await Parallel.ForEachAsync(
            Enumerable.Range(0, PermitCount),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (index, cancellationToken) =>
            {
                var plate = $"KILL{index:D4}";
                using var response = await server.Client.PostAsJsonAsync(
                    "api/OC-TOMA/v1/permits/push",
                    new { apiToken = token, plate, zone = "Lot 4", permitNo = $"N-{index}", endTime = "2030-01-01T00:00:00" },
                    cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    acknowledged[body.GetProperty("reference_id").GetString()!] = plate;
                }
            });
        await server.KillAsync();
        await using var restarted = await LotkeeperProcess.StartAsync(ServerArguments());
        using var stats = await restarted.Client.PostAsJsonAsync(
            "api/OC-TOMA/v1/permits/stats", new { apiToken = token });
        var statsBody = await stats.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(PermitCount, acknowledged.Count);
        Assert.Equal(PermitCount.ToString(System.Globalization.CultureInfo.InvariantCulture), statsBody
            .GetProperty("data")[0].GetProperty("total").GetString());
        using var store = OpenStore();
        foreach (var (referenceId, plate) in acknowledged)
        {
            var permit = await store.Store.FindPermitAsync(referenceId, CancellationToken.None);
            Assert.NotNull(permit);
            Assert.Equal(plate, permit.PlateRaw);
            var history = await store.Store.ListEventsAsync(permit.Id, CancellationToken.None);
            Assert.Equal(PermitEventKind.Created, Assert.Single(history).Kind);
        }
    }

    [Fact]
    public async Task Acknowledged_updates_and_deletes_survive_sigkill()
    {
        var token = await CreateClientAsync();
        var server = await LotkeeperProcess.StartAsync(ServerArguments());
        var references = new List<string>();
        for (var index = 0; index < 10; index++)
        {
            using var push = await server.Client.PostAsJsonAsync(
                "api/OC-TOMA/v1/permits/push",
                new { apiToken = token, plate = $"UPD{index}", zone = "Lot 4", endTime = "2030-01-01T00:00:00" });
            var body = await push.Content.ReadFromJsonAsync<JsonElement>();
            references.Add(body.GetProperty("reference_id").GetString()!);
        }

        foreach (var referenceId in references.Take(5))
        {
            using var update = await server.Client.PostAsJsonAsync(
                "api/OC-TOMA/v1/permits/update", new { apiToken = token, referenceID = referenceId, Amount = "7.25" });
            Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        }

        foreach (var referenceId in references.Skip(5))
        {
            using var delete = await server.Client.PostAsJsonAsync(
                "api/OC-TOMA/v1/permits/delete", new { apiToken = token, referenceID = referenceId });
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        await server.KillAsync();

        using var store = OpenStore();
        foreach (var referenceId in references.Take(5))
        {
            var permit = await store.Store.FindPermitAsync(referenceId, CancellationToken.None);
            Assert.Equal(725, permit!.AmountCents);
            var kinds = (await store.Store.ListEventsAsync(permit.Id, CancellationToken.None)).Select(e => e.Kind);
            Assert.Equal([PermitEventKind.Created, PermitEventKind.Updated], kinds);
        }

        foreach (var referenceId in references.Skip(5))
        {
            var permit = await store.Store.FindPermitAsync(referenceId, CancellationToken.None);
            Assert.NotNull(permit!.DeletedAt);
            var kinds = (await store.Store.ListEventsAsync(permit.Id, CancellationToken.None)).Select(e => e.Kind);
            Assert.Equal([PermitEventKind.Created, PermitEventKind.Deleted], kinds);
        }
    }

    // The burst of pushes is larger than one token's default rate limit.
    private string[] ServerArguments() =>
        [.. database!.ServerArguments, "--Lotkeeper:Bootstrap:CreateDemoClient=false", "--Lotkeeper:RateLimit:PermitsPerSecond=0"];

    private async Task<string> CreateClientAsync()
    {
        using var store = OpenStore();
        await store.Store.MigrateAsync(CancellationToken.None);
        var client = await store.Store.AddClientAsync(
            new ClientRecord(
                0, "OC-TOMA", "Toronto", "UTC", "CAD", ZonePolicy.AutoCreate, TimeSpan.Zero, TimeSpan.FromMinutes(15),
                DateTimeOffset.UtcNow),
            CancellationToken.None);
        var (_, secret) = await new TokenIssuer(store.Store, TimeProvider.System)
            .IssueAsync(client.Id, "kill-test", Permissions.All, null, CancellationToken.None);
        return secret;
    }

    private OpenedStore OpenStore()
    {
        var options = new StorageOptions { Provider = database!.Provider, ConnectionString = database.ConnectionString };
        var sqlDatabase = StoreFactory.CreateDatabase(options);
        return new OpenedStore(new SqlStore(sqlDatabase), sqlDatabase);
    }

    private sealed record OpenedStore(SqlStore Store, ISqlDatabase Database) : IDisposable
    {
        public void Dispose() => (Database as IDisposable)?.Dispose();
    }
}

public sealed class SqliteKillTests(PostgresCluster cluster) : KillTests(Backend.Sqlite, cluster);

public sealed class PostgresKillTests(PostgresCluster cluster) : KillTests(Backend.Postgres, cluster);
