using System.Text.Json;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

public abstract class StatsTests(Backend backend, PostgresCluster cluster) : PermitsApiTestBase(backend, cluster)
{
    [Fact]
    public async Task Stats_counts_active_permits_per_zone_and_type()
    {
        await SetUpClientAsync();
        await PushOkAsync(("permitType", "standard"));
        await PushOkAsync(("permitType", "standard"));
        await PushOkAsync(("permitType", "temp"));
        await PushOkAsync(("permitType", "validator"));
        await PushOkAsync(("zone", "Lot 5"));

        var response = await StatsAsync();

        Assert.Equal(
            [("Lot 4", "standard", "2"), ("Lot 4", "temp", "2"), ("Lot 5", "temp", "1")],
            await ReadRowsAsync(response));
    }

    [Fact]
    public async Task Stats_documented_example_answers_data()
    {
        await SetUpClientAsync(ZonePolicy.AutoCreate);
        await PushOkAsync(("zone", "Lot 01"), ("permitType", "standard"));

        var response = await SendAsync("stats", $$"""{"apiToken":"{{Token}}","zones":"Lot 01,Lot 02"}""");

        Assert.Equal(
            """{"data":[{"type":"standard","zone":"Lot 01","total":"1"}]}""",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stats_total_is_a_string()
    {
        await SetUpClientAsync();
        await PushOkAsync();

        var response = await StatsAsync();

        var row = (await ReadJsonAsync(response)).GetProperty("data")[0];
        Assert.Equal(JsonValueKind.String, row.GetProperty("total").ValueKind);
        Assert.Equal(["type", "zone", "total"], row.EnumerateObject().Select(property => property.Name).ToArray());
    }

    [Fact]
    public async Task Stats_excludes_deleted_future_and_ended_permits()
    {
        await SetUpClientAsync();
        var deleted = await PushOkAsync();
        await AssertSuccessAsync(await DeleteAsync(deleted));
        await PushOkAsync(("startTime", "2026-06-15T12:00:01"), ("endTime", "2026-06-15T13:00:00"));
        await PushOkAsync(("startTime", "2026-06-15T10:00:00"), ("endTime", "2026-06-15T12:00:00"));
        await PushOkAsync(("startTime", "2026-06-14T10:00:00"), ("endTime", "2026-06-14T12:00:00"));
        await PushOkAsync(("startTime", "2026-06-15T12:00:00"), ("endTime", "2026-06-15T12:00:00.000001"));

        var response = await StatsAsync();

        Assert.Equal([("Lot 4", "temp", "1")], await ReadRowsAsync(response));
    }

    [Fact]
    public async Task Stats_follow_the_clock()
    {
        await SetUpClientAsync();
        await PushOkAsync(("startTime", "2026-06-15T13:00:00"), ("endTime", "2026-06-15T14:00:00"));
        var before = await ReadRowsAsync(await StatsAsync());

        Host.Clock.Advance(TimeSpan.FromHours(1));
        var during = await ReadRowsAsync(await StatsAsync());
        Host.Clock.Advance(TimeSpan.FromHours(1));
        var after = await ReadRowsAsync(await StatsAsync());

        Assert.Empty(before);
        Assert.Equal([("Lot 4", "temp", "1")], during);
        Assert.Empty(after);
    }

    [Fact]
    public async Task Stats_excludes_updated_end_in_past()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();
        await AssertSuccessAsync(await UpdateAsync(referenceId, ("endTime", "2026-06-15T11:00:00")));

        var response = await StatsAsync();

        Assert.Empty(await ReadRowsAsync(response));
    }

    [Fact]
    public async Task Stats_ordered_by_zone_then_type()
    {
        await SetUpClientAsync(ZonePolicy.AutoCreate);
        foreach (var zone in new[] { "b lot", "Lot 9", "A Lot", "Lot 10" })
        {
            await PushOkAsync(("zone", zone), ("permitType", "temp"));
            await PushOkAsync(("zone", zone), ("permitType", "standard"));
        }

        var response = await StatsAsync();

        Assert.Equal(
            [
                ("A Lot", "standard", "1"), ("A Lot", "temp", "1"),
                ("b lot", "standard", "1"), ("b lot", "temp", "1"),
                ("Lot 10", "standard", "1"), ("Lot 10", "temp", "1"),
                ("Lot 9", "standard", "1"), ("Lot 9", "temp", "1"),
            ],
            await ReadRowsAsync(response));
    }

    [Theory]
    [InlineData("Lot 5", "Lot 5")]
    [InlineData("lot 5", "Lot 5")]
    [InlineData("  LOT   5  ", "Lot 5")]
    [InlineData(" lot 4 , LOT 5 ", "Lot 4|Lot 5")]
    [InlineData("Lot 5,Nowhere", "Lot 5")]
    [InlineData("Nowhere", "")]
    [InlineData("Lot 5,Lot 5,lot 5", "Lot 5")]
    [InlineData("Lot 4,,Lot 5", "Lot 4|Lot 5")]
    [InlineData("", "Lot 4|Lot 5")]
    [InlineData(" , ", "Lot 4|Lot 5")]
    [InlineData("Lot 5,\u0000", "Lot 5")]
    [InlineData("\u0000", "")]
    [InlineData("Lot\u202e 5", "")]
    public async Task Stats_zone_list_filters_zones(string zones, string expected)
    {
        await SetUpClientAsync();
        await PushOkAsync();
        await PushOkAsync(("zone", "Lot 5"));

        var response = await StatsAsync(("zones", zones));

        var names = (await ReadRowsAsync(response)).Select(row => row.Zone);
        Assert.Equal(expected, string.Join('|', names));
    }

    [Fact]
    public async Task Stats_null_zones_counts_every_zone()
    {
        await SetUpClientAsync();
        await PushOkAsync();
        await PushOkAsync(("zone", "Lot 5"));

        var response = await StatsAsync(("zones", null));

        Assert.Equal(2, (await ReadRowsAsync(response)).Count);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("[\"Lot 4\",\"Lot 5\"]")]
    [InlineData("true")]
    [InlineData("{}")]
    public async Task Stats_zones_not_a_string_returns_9033(string json)
    {
        await SetUpClientAsync();

        var response = await StatsAsync(("zones", Raw(json)));

        await AssertRejectedAsync(response, 9033, "zones");
    }

    [Fact]
    public async Task Stats_leaves_out_zones_without_active_permits()
    {
        await SetUpClientAsync();
        await PushOkAsync(("permitType", "standard"));

        var response = await StatsAsync(("zones", "Lot 4,Lot 5"));

        Assert.Equal([("Lot 4", "standard", "1")], await ReadRowsAsync(response));
    }

    [Fact]
    public async Task Stats_without_permits_answers_empty_data()
    {
        await SetUpClientAsync();

        var response = await StatsAsync();

        Assert.Equal("""{"data":[]}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stats_counts_only_own_client()
    {
        await SetUpClientAsync();
        var (_, otherToken) = await Host.AddClientAsync("OC-OTHER", zones: "Lot 4");
        await SendAsync("push", PushBody(("apiToken", otherToken)), "OC-OTHER");
        await PushOkAsync();

        var response = await StatsAsync();

        Assert.Equal([("Lot 4", "temp", "1")], await ReadRowsAsync(response));
    }

    [Fact]
    public async Task Stats_ignores_other_attributes()
    {
        await SetUpClientAsync();
        await PushOkAsync();

        var response = await StatsAsync(("LicencePlate", "$$$"), ("referenceID", 5), ("zone", Raw("[]")));

        Assert.Equal([("Lot 4", "temp", "1")], await ReadRowsAsync(response));
    }

    [Fact]
    public async Task Stats_with_many_zone_names_answers()
    {
        await SetUpClientAsync();
        await PushOkAsync();
        var names = string.Join(',', Enumerable.Range(0, 10_000).Select(i => "Z" + i.ToString("x", null)));

        var response = await StatsAsync(("zones", names + ",Lot 4"));

        Assert.Equal([("Lot 4", "temp", "1")], await ReadRowsAsync(response));
    }

    private static async Task<List<(string Zone, string Type, string Total)>> ReadRowsAsync(
        HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var document = JsonDocument.Parse(text);
        return
        [
            .. document.RootElement.GetProperty("data").EnumerateArray().Select(row => (
                row.GetProperty("zone").GetString()!,
                row.GetProperty("type").GetString()!,
                row.GetProperty("total").GetString()!)),
        ];
    }
}

public sealed class SqliteStatsTests(PostgresCluster cluster) : StatsTests(Backend.Sqlite, cluster);

public sealed class PostgresStatsTests(PostgresCluster cluster) : StatsTests(Backend.Postgres, cluster);
