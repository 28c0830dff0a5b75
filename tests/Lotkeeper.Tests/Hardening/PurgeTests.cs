using System.Net;
using Lotkeeper.Domain;
using Lotkeeper.Retention;
using Lotkeeper.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lotkeeper.Tests.Hardening;

public abstract class PurgeTests(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    private const string PushPath = "/api/OC-TOMA/v1/permits/push";

    [Fact]
    public async Task Purge_removes_old_plates_only()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var ended = await PushAsync(token, "ENDED1", "2026-06-15T13:00:00");
        var deleted = await PushAsync(token, "GONE2", "2026-12-31T00:00:00");
        await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/update",
            $$"""{"apiToken":"{{token}}","referenceID":"{{deleted}}","plate":"GONE3"}""");
        await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/delete", $$"""{"apiToken":"{{token}}","referenceID":"{{deleted}}"}""");
        Host.Clock.Advance(TimeSpan.FromDays(40));
        var live = await PushAsync(token, "LIVE4", "2026-12-31T00:00:00");
        var statsBefore = await StatsAsync(token);
        var countBefore = (await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None)).Count;

        var result = await new PlatePurger(Host.Admin, Host.Clock).PurgeAsync(30, CancellationToken.None);

        var permits = await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None);
        Assert.Equal(2, result.Permits);
        Assert.Equal(countBefore, permits.Count);
        Assert.Equal(statsBefore, await StatsAsync(token));
        Assert.Null(permits.Single(p => p.ReferenceId == ended).PlateRaw);
        Assert.Null(permits.Single(p => p.ReferenceId == ended).PlateNormalized);
        Assert.Null(permits.Single(p => p.ReferenceId == deleted).PlateRaw);
        Assert.Equal("LIVE4", permits.Single(p => p.ReferenceId == live).PlateRaw);
        var deletedPermit = permits.Single(p => p.ReferenceId == deleted);
        var events = await Host.Services.GetRequiredService<Lotkeeper.Storage.IPermitStore>()
            .ListEventsAsync(deletedPermit.Id, CancellationToken.None);
        Assert.Equal(3, events.Count);
        Assert.All(
            events.SelectMany(e => e.Changes).Where(change => change.Field == "plate"),
            change => Assert.Null(change.Old ?? change.New));
    }

    [Fact]
    public async Task Purge_keeps_recent_deleted_permits()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var deleted = await PushAsync(token, "RECENT1", "2026-12-31T00:00:00");
        await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/delete", $$"""{"apiToken":"{{token}}","referenceID":"{{deleted}}"}""");
        Host.Clock.Advance(TimeSpan.FromDays(10));

        var result = await new PlatePurger(Host.Admin, Host.Clock).PurgeAsync(30, CancellationToken.None);

        var permit = (await Host.Admin.ListPermitsAsync(client.Id, true, 100, CancellationToken.None)).Single();
        Assert.Equal(0, result.Permits);
        Assert.Equal("RECENT1", permit.PlateRaw);
    }

    private async Task<string> PushAsync(string token, string plate, string end)
    {
        var response = await Host.PostJsonAsync(
            PushPath, $$"""{"apiToken":"{{token}}","plate":"{{plate}}","zone":"Lot 4","endTime":"{{end}}"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("reference_id").GetString()!;
    }

    private async Task<string> StatsAsync(string token) =>
        await (await Host.PostJsonAsync("/api/OC-TOMA/v1/permits/stats", $$"""{"apiToken":"{{token}}"}"""))
            .Content.ReadAsStringAsync();
}

public sealed class SqlitePurgeTests(PostgresCluster cluster) : PurgeTests(Backend.Sqlite, cluster);

public sealed class PostgresPurgeTests(PostgresCluster cluster) : PurgeTests(Backend.Postgres, cluster);
