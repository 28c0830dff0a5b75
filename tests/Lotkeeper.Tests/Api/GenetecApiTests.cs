using System.Net;
using System.Text;
using System.Text.Json;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

public abstract class GenetecApiTests(Backend backend, PostgresCluster cluster)
    : EnforcementTestBase(backend, cluster)
{
    private const string Base = "/api/pbp/v2014-06";
    private const string Start = "2026-06-15T08:00:00Z";
    private const string End = "2026-06-15T18:00:00Z";

    [Fact]
    public async Task Zones_answer_ids_and_names()
    {
        await SetUpClientAsync("Lot A", "Lot B");

        var response = await SendAsync(HttpMethod.Get, "/zones");

        var zones = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, zones.GetArrayLength());
        Assert.Equal(["ZoneId", "Name"], zones[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("Lot A", zones[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task Zone_permits_answer_PascalCase_objects()
    {
        await SetUpClientAsync("Lot A");
        var referenceId = await PushAsync("GEN-1", "Lot A", Start, End);
        var zoneId = await ZoneIdAsync("Lot A");

        var response = await SendAsync(HttpMethod.Get, $"/zones/{zoneId}/permits");

        var page = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["ContinuationToken", "Permits"], page.EnumerateObject().Select(p => p.Name));
        var permit = page.GetProperty("Permits")[0];
        Assert.Equal(
            ["PermitId", "PlateNumber", "PlateState", "Make", "Color", "Activation", "Expiry"],
            permit.EnumerateObject().Select(p => p.Name));
        Assert.Equal(referenceId, permit.GetProperty("PermitId").GetString());
        Assert.Equal("GEN-1", permit.GetProperty("PlateNumber").GetString());
        Assert.Equal("", permit.GetProperty("PlateState").GetString());
        Assert.Equal(Start, permit.GetProperty("Activation").GetString());
        Assert.Equal(End, permit.GetProperty("Expiry").GetString());
    }

    [Fact]
    public async Task Continuation_sends_deleted_and_shortened_with_past_expiry()
    {
        await SetUpClientAsync("Lot A");
        var deleted = await PushAsync("GEN-2", "Lot A", Start, End);
        var shortened = await PushAsync("GEN-3", "Lot A", Start, End);
        var zoneId = await ZoneIdAsync("Lot A");
        var first = await ReadJsonAsync(await SendAsync(HttpMethod.Get, $"/zones/{zoneId}/permits"));
        var token = first.GetProperty("ContinuationToken").GetString();
        Host.Clock.Advance(TimeSpan.FromMinutes(30));
        await DeleteAsync(deleted);
        await UpdateAsync(shortened, ("endTime", "2026-06-15T12:15:00Z"));

        var response = await SendAsync(HttpMethod.Get, $"/zones/{zoneId}/permits?continuationToken={token}");

        var page = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var permits = page.GetProperty("Permits");
        Assert.Equal(2, permits.GetArrayLength());
        Assert.Equal(deleted, permits[0].GetProperty("PermitId").GetString());
        Assert.Equal("2026-06-15T12:30:00Z", permits[0].GetProperty("Expiry").GetString());
        Assert.Equal(shortened, permits[1].GetProperty("PermitId").GetString());
        Assert.Equal("2026-06-15T12:15:00Z", permits[1].GetProperty("Expiry").GetString());
    }

    [Fact]
    public async Task Unknown_zone_gets_404()
    {
        await SetUpClientAsync("Lot A");

        var response = await SendAsync(HttpMethod.Get, "/zones/999999/permits");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-real-key")]
    public async Task Bad_key_gets_401_without_body(string? key)
    {
        await SetUpClientAsync("Lot A");

        var response = await SendAsync(HttpMethod.Get, "/zones", apiKey: key ?? "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Search_groups_matches_by_zone()
    {
        await SetUpClientAsync("Lot A", "Lot B");
        var inA = await PushAsync("SRCH1", "Lot A", Start, End);
        var inB = await PushAsync("SRCH2", "Lot B", Start, End);
        await PushAsync("SRCH3", "Lot B", Start, End);
        var zoneA = await ZoneIdAsync("Lot A");
        var zoneB = await ZoneIdAsync("Lot B");

        var response = await SendAsync(
            HttpMethod.Post,
            "/permits/search",
            $$"""{"PlateNumbers":["SRCH1","srch-2","NOPE"],"ZoneIds":["{{zoneA}}","{{zoneB}}"]}""");

        var body = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var zones = body.GetProperty("PermitZones");
        Assert.Equal(2, zones.GetArrayLength());
        Assert.Equal(zoneA, zones[0].GetProperty("ZoneId").GetString());
        Assert.Equal(inA, zones[0].GetProperty("Permits")[0].GetProperty("PermitId").GetString());
        Assert.Equal(zoneB, zones[1].GetProperty("ZoneId").GetString());
        Assert.Equal(inB, zones[1].GetProperty("Permits")[0].GetProperty("PermitId").GetString());
        Assert.Equal(1, zones[1].GetProperty("Permits").GetArrayLength());
    }

    [Fact]
    public async Task Search_without_match_gets_404()
    {
        await SetUpClientAsync("Lot A", "Lot B");
        await PushAsync("SRCH1", "Lot A", Start, End);
        var zoneB = await ZoneIdAsync("Lot B");

        var response = await SendAsync(
            HttpMethod.Post, "/permits/search", $$"""{"PlateNumbers":["SRCH1"],"ZoneIds":["{{zoneB}}"]}""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task IsValid_answers_per_zone()
    {
        await SetUpClientAsync("Lot A", "Lot B");
        await PushAsync("VALID1", "Lot A", Start, End);
        var zoneA = await ZoneIdAsync("Lot A");
        var zoneB = await ZoneIdAsync("Lot B");

        var inA = await SendAsync(
            HttpMethod.Post, "/isvalid", $$"""{"PlateNumber":"VALID1","PlateState":"ON","ZoneIds":["{{zoneA}}"]}""");
        var inB = await SendAsync(
            HttpMethod.Post, "/isvalid", $$"""{"PlateNumber":"VALID1","ZoneIds":["{{zoneB}}"]}""");

        Assert.True((await ReadJsonAsync(inA)).GetProperty("IsValid").GetBoolean());
        Assert.False((await ReadJsonAsync(inB)).GetProperty("IsValid").GetBoolean());
    }

    private Task<HttpResponseMessage> SendAsync(
        HttpMethod method, string path, string? json = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(method, Base + path);
        if ((apiKey ?? Token) is { Length: > 0 } key)
        {
            request.Headers.Add("X-ApiKey", key);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return Host.Client.SendAsync(request);
    }

    private async Task<string> ZoneIdAsync(string name)
    {
        var zones = await ReadJsonAsync(await SendAsync(HttpMethod.Get, "/zones"));
        return zones.EnumerateArray()
            .Single(zone => zone.GetProperty("Name").GetString() == name)
            .GetProperty("ZoneId").GetString()!;
    }
}

public sealed class SqliteGenetecApiTests(PostgresCluster cluster)
    : GenetecApiTests(Backend.Sqlite, cluster);

public sealed class PostgresGenetecApiTests(PostgresCluster cluster)
    : GenetecApiTests(Backend.Postgres, cluster);
