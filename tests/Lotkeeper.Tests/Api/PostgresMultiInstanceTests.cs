using System.Net;
using System.Text;
using System.Text.Json;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Postgres;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Tests.Infrastructure;
using Npgsql;

namespace Lotkeeper.Tests.Api;

/// <summary>
/// Two real <c>lotkeeper serve</c> processes on one PostgreSQL database, as behind a load balancer: the same pushes
/// sent through both at once must store one permit per permit number.
/// </summary>
public sealed class PostgresMultiInstanceTests(PostgresCluster cluster) : IAsyncLifetime
{
    private const int PermitNumbers = 20;
    private const int RepeatsPerInstance = 3;

    /// <summary>Number of PostgreSQL migration scripts, each recorded once in <c>schemaversions</c>.</summary>
    private static readonly long MigrationScripts = typeof(PostgresDatabase).Assembly.GetManifestResourceNames()
        .Count(name => name.Contains(".Storage.Postgres.Migrations.", StringComparison.Ordinal));

    private readonly List<Task<LotkeeperProcess>> starts = [];
    private string? connectionString;
    private PostgresDatabase? database;

    public async ValueTask InitializeAsync()
    {
        connectionString = await cluster.CreateDatabaseAsync();
        database = new PostgresDatabase(connectionString);
    }

    public async ValueTask DisposeAsync()
    {
        // Every started process is ended, also those of a test that failed while others were still starting.
        foreach (var start in starts)
        {
            try
            {
                await (await start).DisposeAsync();
            }
            catch (InvalidOperationException)
            {
                // This one failed to start and has ended its process already.
            }
        }

        database?.Dispose();
        if (connectionString is not null)
        {
            await cluster.DropDatabaseAsync(connectionString);
        }
    }

    [Fact]
    public async Task Same_pushes_through_two_instances()
    {
        var store = new SqlStore(database!);
        await store.MigrateAsync(CancellationToken.None);
        var client = await store.AddClientAsync(
            new ClientRecord(
                0, "MULTI", "Multi client", "UTC", "CAD", ZonePolicy.AutoCreate, TimeSpan.Zero,
                TimeSpan.FromMinutes(15), DateTimeOffset.UtcNow),
            CancellationToken.None);
        var (_, token) = await new TokenIssuer(store, TimeProvider.System)
            .IssueAsync(client.Id, "test", Permissions.All, null, CancellationToken.None);
        var servers = await StartServersAsync(2);

        // Per permit number: the same push several times through each instance, plus one push with another plate
        // that conflicts with it. Whichever of the two kinds commits first decides which responses are 9022.
        var requests = new List<(string Number, HttpClient Client, string Body)>();
        for (var number = 0; number < PermitNumbers; number++)
        {
            var permitNumber = $"MI-{number}";
            foreach (var server in servers)
            {
                for (var repeat = 0; repeat < RepeatsPerInstance; repeat++)
                {
                    requests.Add((permitNumber, server.Client, PushBody(token, permitNumber, "PL8RDR")));
                }
            }

            requests.Add((permitNumber, servers[number % 2].Client, PushBody(token, permitNumber, "OTHER1")));
        }

        var shuffled = requests.OrderBy(_ => Random.Shared.Next()).ToList();
        var responses = await Task.WhenAll(shuffled.Select(async request =>
        {
            using var content = new StringContent(request.Body, Encoding.UTF8, "application/json");
            using var response = await request.Client.PostAsync("api/MULTI/v1/permits/push", content);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            return (request.Number, response.StatusCode, Body: body.RootElement.Clone());
        }));

        var stored = await store.ListPermitsAsync(client.Id, includeDeleted: true, 1000, CancellationToken.None);
        var storedByNumber = stored.GroupBy(permit => permit.PermitNumber!).ToDictionary(group => group.Key);
        Assert.Equal(PermitNumbers, storedByNumber.Count);
        Assert.All(storedByNumber.Values, group => Assert.Single(group));
        foreach (var (number, status, body) in responses)
        {
            var permit = storedByNumber[number].Single();
            if (status == HttpStatusCode.OK)
            {
                Assert.Equal("success", body.GetProperty("status").GetString());
                Assert.Equal(permit.ReferenceId, body.GetProperty("reference_id").GetString());
            }
            else
            {
                Assert.Equal(HttpStatusCode.Conflict, status);
                Assert.Equal(9022, body.GetProperty("ErrorCode").GetInt32());
            }
        }

        foreach (var permit in stored)
        {
            var history = await store.ListEventsAsync(permit.Id, CancellationToken.None);
            Assert.Equal(PermitEventKind.Created, Assert.Single(history).Kind);
        }

        Assert.All(servers, server => Assert.DoesNotContain("fail:", server.StandardError, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Three_instances_migrate_empty_database()
    {
        var servers = await StartServersAsync(3);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new NpgsqlCommand("SELECT COUNT(*) FROM schemaversions", connection);
        var migrations = (long)(await count.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
        foreach (var server in servers)
        {
            using var ready = await server.Client.GetAsync("health/ready", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        Assert.Equal(MigrationScripts, migrations);
    }

    /// <summary>Starts <paramref name="count"/> servers on the test's database at once.</summary>
    private async Task<LotkeeperProcess[]> StartServersAsync(int count)
    {
        string[] arguments =
        [
            "--Lotkeeper:Storage:Provider=postgresql",
            $"--Lotkeeper:Storage:ConnectionString={connectionString}",
            "--Lotkeeper:Bootstrap:CreateDemoClient=false",
        ];
        starts.AddRange(Enumerable.Range(0, count).Select(_ => LotkeeperProcess.StartAsync(arguments)));
        return await Task.WhenAll(starts);
    }

    private static string PushBody(string token, string permitNumber, string plate) => JsonSerializer.Serialize(
        new Dictionary<string, string>
        {
            ["apiToken"] = token,
            ["Amount"] = "14.50",
            ["CurrencyID"] = "CAD",
            ["LicencePlate"] = plate,
            ["zone"] = "Multi Lot",
            ["permitNo"] = permitNumber,
            ["startTime"] = "2026-07-02T09:00:00",
            ["endTime"] = "2026-07-02T09:30:00",
        });
}
