using System.Text.Json;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Hardening;

public abstract class AuditLogTests(Backend backend, PostgresCluster cluster) : IAsyncLifetime
{
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
    public async Task Admin_commands_are_audited()
    {
        await RunAsync("clients", "add", "OC-TOMA", "--name", "Toma");
        await RunAsync("zones", "add", "OC-TOMA", "Lot 4");
        var issued = JsonDocument.Parse(
            (await RunAsync("tokens", "issue", "OC-TOMA", "--permissions", "all", "--json")).Output).RootElement;
        var tokenId = issued.GetProperty("id").GetString()!;
        var secret = issued.GetProperty("token").GetString()!;
        var rotated = JsonDocument.Parse(
            (await RunAsync("tokens", "rotate", tokenId, "--overlap-minutes", "5", "--json")).Output).RootElement;
        await RunAsync("tokens", "revoke", rotated.GetProperty("id").GetString()!);
        await RunAsync("zones", "remove", "OC-TOMA", "Lot 4");
        await RunAsync("purge", "--older-than", "30");

        var (exitCode, output) = await RunAsync("audit", "list", "--json");

        var actions = JsonDocument.Parse(output).RootElement.EnumerateArray()
            .Select(entry => entry.GetProperty("action").GetString())
            .ToList();
        Assert.Equal(0, exitCode);
        Assert.Equal(
            ["client.add", "zone.add", "token.issue", "token.rotate", "token.revoke", "zone.remove", "purge"], actions);
        Assert.DoesNotContain(secret, output, StringComparison.Ordinal);
        Assert.DoesNotContain(rotated.GetProperty("token").GetString()!, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotated_token_lists_future_revocation()
    {
        await RunAsync("clients", "add", "OC-TOMA", "--name", "Toma");
        var issued = JsonDocument.Parse(
            (await RunAsync("tokens", "issue", "OC-TOMA", "--permissions", "all", "--json")).Output).RootElement;
        var tokenId = issued.GetProperty("id").GetString()!;

        await RunAsync("tokens", "rotate", tokenId, "--overlap-minutes", "60");
        var (_, list) = await RunAsync("tokens", "list", "OC-TOMA");

        Assert.Contains(tokenId + "\t", list, StringComparison.Ordinal);
        Assert.Contains("\trevokes ", list, StringComparison.Ordinal);
        Assert.Contains("\tactive", list, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output)> RunAsync(params string[] arguments)
    {
        var result = await CliRunner.RunAsync(database!, arguments);
        Assert.True(result.ExitCode == 0, string.Join(' ', arguments) + ": " + result.Error);
        return (result.ExitCode, result.Output);
    }
}

public sealed class SqliteAuditLogTests(PostgresCluster cluster) : AuditLogTests(Backend.Sqlite, cluster);

public sealed class PostgresAuditLogTests(PostgresCluster cluster) : AuditLogTests(Backend.Postgres, cluster);
