using System.Net;
using Dapper;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lotkeeper.Tests.Hardening;

public abstract class ScheduledStatsCompactionTests(Backend backend, PostgresCluster cluster)
    : ApiTestBase(backend, cluster)
{
    protected override string[] HostArguments =>
        ["--Lotkeeper:Stats:CompactionIntervalSeconds=60", "--Lotkeeper:Stats:CompactionMarginSeconds=120"];

    [Fact]
    public async Task Schedule_folds_started_marks()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var pushed = await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/push",
            $$"""
            {"apiToken":"{{token}}","plate":"CMP1","zone":"Lot 4","startTime":"2026-06-15T11:00:00",
            "endTime":"2026-06-15T13:00:00"}
            """);
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);

        // The schedule waits 60 seconds on the fake clock between runs, so the clock moves 10 seconds at a time
        // until a run has folded the start mark. The end mark, an hour ahead, stays.
        var marks = await CountMarksAsync(client.Id);
        for (var step = 0; step < 300 && marks > 1; step++)
        {
            Host.Clock.Advance(TimeSpan.FromSeconds(10));
            await Task.Delay(20);
            marks = await CountMarksAsync(client.Id);
        }

        var counted = await Host.Services.GetRequiredService<IPermitStore>().CountActivePermitsAsync(
            client.Id, Host.Clock.GetUtcNow(), null, CancellationToken.None);
        Assert.Equal(1, marks);
        Assert.Equal(1, Assert.Single(counted).Total);
    }

    private async Task<long> CountMarksAsync(long clientId)
    {
        await using var connection =
            await Host.Services.GetRequiredService<ISqlDatabase>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM permit_stats_marks WHERE client_id = @clientId", new { clientId });
    }
}

public sealed class SqliteScheduledStatsCompactionTests(PostgresCluster cluster)
    : ScheduledStatsCompactionTests(Backend.Sqlite, cluster);

public sealed class PostgresScheduledStatsCompactionTests(PostgresCluster cluster)
    : ScheduledStatsCompactionTests(Backend.Postgres, cluster);
