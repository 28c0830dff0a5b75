using System.Net;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Hardening;

public abstract class ScheduledPurgeTests(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    protected override string[] HostArguments => ["--Lotkeeper:Retention:Days=30"];

    [Fact]
    public async Task Daily_schedule_purges_old_plates()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var pushed = await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/push",
            $$"""{"apiToken":"{{token}}","plate":"OLD1","zone":"Lot 4","endTime":"2026-06-15T13:00:00"}""");
        Assert.Equal(HttpStatusCode.OK, pushed.StatusCode);

        // The schedule waits 24 hours on the fake clock between runs, so the clock moves a day at a time until the
        // permit is older than 30 days and a run has removed its plate.
        string? plate = "OLD1";
        for (var day = 0; day < 45 && plate is not null; day++)
        {
            Host.Clock.Advance(TimeSpan.FromDays(1));
            await Task.Delay(50);
            plate = (await Host.Admin.ListPermitsAsync(client.Id, true, 10, CancellationToken.None)).Single().PlateRaw;
        }

        Assert.Null(plate);
        Assert.Contains("Purged the plates of 1 permits", Host.Log.Text, StringComparison.Ordinal);
    }
}

public sealed class SqliteScheduledPurgeTests(PostgresCluster cluster) : ScheduledPurgeTests(Backend.Sqlite, cluster);

public sealed class PostgresScheduledPurgeTests(PostgresCluster cluster)
    : ScheduledPurgeTests(Backend.Postgres, cluster);
