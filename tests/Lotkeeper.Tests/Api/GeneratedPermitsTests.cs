using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lotkeeper.Tests.Api;

public abstract class GeneratedPermitsTests(Backend backend, PostgresCluster cluster)
    : EnforcementTestBase(backend, cluster)
{
    [Fact]
    public async Task Generated_permits_join_lookups_and_feed()
    {
        await SetUpClientAsync("Lot A");
        var zone = (await Host.Admin.ListZonesAsync(Owner.Id, CancellationToken.None)).Single();
        var listing = await GetJsonAsync($"/v1/{ClientCode}/zones/Lot%20A/permits");
        var token = listing.GetProperty("nextToken").GetString();
        var now = Host.Clock.GetUtcNow();
        var permits = Enumerable.Range(0, 3)
            .Select(i => new NewPermit(
                Guid.CreateVersion7().ToString("D"),
                Owner.Id,
                zone.Id,
                zone.Name,
                zone.TimeZone,
                ZoneNames.KeyOf(zone.Name),
                new Plate($"GEN-{i}", $"GEN{i}"),
                now.AddHours(-1),
                now.AddHours(1),
                i == 0 ? null : 500,
                "CAD",
                null,
                PermitType.Temp,
                now,
                null))
            .ToList();

        await Host.Services.GetRequiredService<SqlStore>().InsertGeneratedPermitsAsync(
            Owner.Id, permits, CancellationToken.None);
        var validity = await ValidityAsync("GEN-2");
        var feed = await GetJsonAsync($"/v1/{ClientCode}/zones/Lot%20A/permits?since={token}");
        var history = await GetJsonAsync($"/v1/{ClientCode}/permits/{permits[1].ReferenceId}/history");

        Assert.True(validity.GetProperty("valid").GetBoolean());
        Assert.Equal("exact", validity.GetProperty("matches")[0].GetProperty("match").GetString());
        Assert.Equal(3, feed.GetProperty("permits").GetArrayLength());
        Assert.Equal("created", history.GetProperty("events")[0].GetProperty("kind").GetString());
    }
}

public sealed class SqliteGeneratedPermitsTests(PostgresCluster cluster)
    : GeneratedPermitsTests(Backend.Sqlite, cluster);

public sealed class PostgresGeneratedPermitsTests(PostgresCluster cluster)
    : GeneratedPermitsTests(Backend.Postgres, cluster);
