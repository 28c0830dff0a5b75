using System.Text.Json;
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
