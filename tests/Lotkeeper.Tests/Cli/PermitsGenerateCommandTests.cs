using System.Text.Json;
using Dapper;
using Lotkeeper.Configuration;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Cli;

public abstract class PermitsGenerateCommandTests(Backend backend, PostgresCluster cluster)
    : ApiTestBase(backend, cluster)
{
    private Task<CliResult> RunAsync(params string[] arguments) => CliRunner.RunAsync(Database, arguments);

    [Fact]
    public async Task Generate_numbered_plates_stores_permits()
    {
        await RunAsync("clients", "add", "BENCH", "--name", "Bench");

        var result = await RunAsync(
            "permits", "generate", "BENCH", "--count", "25", "--zones", "2", "--batch-size", "10",
            "--plate-prefix", "GEN", "--first-number", "5");
        var listed = await RunAsync("permits", "list", "BENCH", "--json", "--limit", "100");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("25", result.Output.Trim());
        Assert.Contains("Added 25 of 25 permits", result.Error, StringComparison.Ordinal);
        var plates = JsonDocument.Parse(listed.Output).RootElement.EnumerateArray()
            .Select(permit => permit.GetProperty("plate").GetString())
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(25, plates.Count);
        Assert.Equal("GEN0000005", plates[0]);
        Assert.Equal("GEN0000029", plates[^1]);
    }

    [Fact]
    public async Task Generate_keeps_stats_counts()
    {
        await RunAsync("clients", "add", "BENCH", "--name", "Bench");

        var result = await RunAsync(
            "permits", "generate", "BENCH", "--count", "300", "--zones", "3", "--batch-size", "100",
            "--running-percent", "50", "--seed", "7");

        Assert.Equal(0, result.ExitCode);
        var sqlDatabase = StoreFactory.CreateDatabase(
            new StorageOptions { Provider = Database.Provider, ConnectionString = Database.ConnectionString });
        try
        {
            var store = new SqlStore(sqlDatabase);
            var client = (await store.FindClientAsync(ClientCodes.KeyOf("BENCH"), CancellationToken.None))!;
            var now = TimeProvider.System.GetUtcNow();
            var counted = await store.CountActivePermitsAsync(client.Id, now, null, CancellationToken.None);
            var scanned = await store.CountActivePermitsByScanAsync(client.Id, now, null, CancellationToken.None);
            Assert.Equal(Sorted(scanned), Sorted(counted));
            Assert.InRange(counted.Sum(row => row.Total), 100, 200);

            // generate compacts at its end, so no mark before then is left for stats requests to add up.
            await using var connection = await sqlDatabase.OpenAsync(CancellationToken.None);
            var earlyMarks = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM permit_stats_marks WHERE at <= @before",
                new { before = UnixTime.ToMicroseconds(now.AddMinutes(-5)) });
            Assert.Equal(0, earlyMarks);
        }
        finally
        {
            (sqlDatabase as IDisposable)?.Dispose();
        }
    }

    private static List<StatsRow> Sorted(IEnumerable<StatsRow> rows) =>
        [.. rows.OrderBy(row => row.ZoneKey, StringComparer.Ordinal).ThenBy(row => row.Type, StringComparer.Ordinal)];

    [Fact]
    public async Task Generate_invalid_prefix_fails()
    {
        await RunAsync("clients", "add", "BENCH", "--name", "Bench");

        var result = await RunAsync("permits", "generate", "BENCH", "--count", "5", "--plate-prefix", "G-N");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--plate-prefix", result.Error, StringComparison.Ordinal);
    }
}

public sealed class SqlitePermitsGenerateCommandTests(PostgresCluster cluster)
    : PermitsGenerateCommandTests(Backend.Sqlite, cluster);

public sealed class PostgresPermitsGenerateCommandTests(PostgresCluster cluster)
    : PermitsGenerateCommandTests(Backend.Postgres, cluster);
