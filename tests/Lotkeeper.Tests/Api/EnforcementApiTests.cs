using System.Net;
using System.Text.Json;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

public abstract class EnforcementApiTests(Backend backend, PostgresCluster cluster)
    : EnforcementTestBase(backend, cluster)
{
    private const string Start = "2026-06-15T08:00:00Z";
    private const string End = "2026-06-15T18:00:00Z";
    private const string Noon = "2026-06-15T12:00:00Z";

    [Theory]
    [InlineData("ABC-1234", "exact")]
    [InlineData("abc 1234", "normalized")]
    [InlineData("ABC1234", "normalized")]
    public async Task Plate_tiers_match_sent_forms(string lookedUp, string expectedMatch)
    {
        await SetUpClientAsync("Lot A");
        var referenceId = await PushAsync("ABC-1234", "Lot A", Start, End);

        var validity = await ValidityAsync(lookedUp, Noon);

        Assert.True(validity.GetProperty("valid").GetBoolean());
        Assert.Equal(lookedUp, validity.GetProperty("plate").GetString());
        Assert.Equal("ABC1234", validity.GetProperty("normalizedPlate").GetString());
        Assert.Equal([(referenceId, expectedMatch)], MatchesOf(validity));
    }

    [Fact]
    public async Task Ocr_equivalent_match_is_flagged_not_valid()
    {
        await SetUpClientAsync("Lot A");
        var referenceId = await PushAsync("AB0C123", "Lot A", Start, End);

        var validity = await ValidityAsync("ABOC123", Noon);

        Assert.False(validity.GetProperty("valid").GetBoolean());
        Assert.Equal([(referenceId, "ocr-equivalent")], MatchesOf(validity));
        Assert.Contains("differ only in characters", validity.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Exact_match_ranks_above_ocr_equivalent()
    {
        await SetUpClientAsync("Lot A", "Lot B");
        var zeroInZoneA = await PushAsync("QZ0ABC", "Lot A", Start, End);
        var letterInZoneB = await PushAsync("QZOABC", "Lot B", Start, End);

        var validity = await ValidityAsync("QZOABC", Noon);

        Assert.True(validity.GetProperty("valid").GetBoolean());
        Assert.Equal([(letterInZoneB, "exact"), (zeroInZoneA, "ocr-equivalent")], MatchesOf(validity));
        Assert.Equal("Lot B", validity.GetProperty("matches")[0].GetProperty("zone").GetString());
    }

    [Fact]
    public async Task Zone_filter_limits_and_unknown_zone_matches_nothing()
    {
        await SetUpClientAsync("Lot A", "Lot B");
        await PushAsync("ZONE1", "Lot A", Start, End);

        var inA = await ValidityAsync("ZONE1", Noon, "lot a");
        var inB = await ValidityAsync("ZONE1", Noon, "Lot B");
        var inBoth = await ValidityAsync("ZONE1", Noon, "Lot B", "Lot A");
        var unknown = await ValidityAsync("ZONE1", Noon, "Lot Z");

        Assert.True(inA.GetProperty("valid").GetBoolean());
        Assert.False(inB.GetProperty("valid").GetBoolean());
        Assert.True(inBoth.GetProperty("valid").GetBoolean());
        Assert.False(unknown.GetProperty("valid").GetBoolean());
        Assert.Equal(0, unknown.GetProperty("matches").GetArrayLength());
        Assert.Contains("'Lot Z'", unknown.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Overnight_permit_ends_at_end_instant()
    {
        await SetUpClientAsync("Lot A");
        await PushAsync("NIGHT1", "Lot A", "2026-06-15T17:00:00Z", "2026-06-16T09:00:00Z");

        var beforeEnd = await ValidityAsync("NIGHT1", "2026-06-16T08:59:00Z");
        var atEnd = await ValidityAsync("NIGHT1", "2026-06-16T09:00:00Z");

        Assert.True(beforeEnd.GetProperty("valid").GetBoolean());
        Assert.False(atEnd.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Grace_extends_validity_by_its_length()
    {
        await SetUpClientAsync(TimeSpan.FromMinutes(10), "UTC", "Lot A");
        await PushAsync("GRACE1", "Lot A", "2026-06-15T08:00:00Z", "2026-06-15T09:00:00Z");

        var lastGraceSecond = await ValidityAsync("GRACE1", "2026-06-15T09:09:59Z");
        var graceOver = await ValidityAsync("GRACE1", "2026-06-15T09:10:00Z");

        Assert.True(lastGraceSecond.GetProperty("valid").GetBoolean());
        Assert.StartsWith("Valid within the grace period", lastGraceSecond.GetProperty("explanation").GetString());
        Assert.False(graceOver.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Local_push_time_follows_zone_time_zone()
    {
        await SetUpClientAsync(TimeSpan.Zero, "UTC", "Lot T@America/Toronto");
        await PushAsync("TORONTO1", "Lot T", "2026-06-15T09:00:00", "2026-06-15T10:00:00");

        var validity = await ValidityAsync("TORONTO1", "2026-06-15T13:30:00Z");

        Assert.True(validity.GetProperty("valid").GetBoolean());
        var match = validity.GetProperty("matches")[0];
        Assert.Equal("2026-06-15T13:00:00Z", match.GetProperty("start").GetString());
        Assert.Equal("2026-06-15T09:00:00-04:00", match.GetProperty("startLocal").GetString());
        Assert.Equal("America/Toronto", match.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Lookup_after_end_reports_recent_expiry()
    {
        await SetUpClientAsync("Lot A");
        var referenceId = await PushAsync("LATE1", "Lot A", "2026-06-15T08:00:00Z", "2026-06-15T09:42:00Z");

        var validity = await ValidityAsync("LATE1", "2026-06-15T09:47:00Z");

        Assert.False(validity.GetProperty("valid").GetBoolean());
        var expired = validity.GetProperty("recentlyExpired");
        Assert.Equal(JsonValueKind.Object, expired.ValueKind);
        Assert.Equal(referenceId, expired.GetProperty("referenceId").GetString());
        Assert.Contains("expired at 2026-06-15 09:42:00", validity.GetProperty("explanation").GetString());
        Assert.Contains("5 minutes before", validity.GetProperty("explanation").GetString());
    }

    [Fact]
    public async Task Lookup_defaults_to_service_clock()
    {
        await SetUpClientAsync("Lot A");
        await PushAsync("CLOCK1", "Lot A", "2026-06-15T11:00:00Z", "2026-06-15T13:00:00Z");

        var duringPermit = await ValidityAsync("CLOCK1");
        Host.Clock.Advance(TimeSpan.FromHours(2));
        var afterPermit = await ValidityAsync("CLOCK1");

        Assert.True(duringPermit.GetProperty("valid").GetBoolean());
        Assert.Equal("2026-06-15T12:00:00Z", duringPermit.GetProperty("at").GetString());
        Assert.False(afterPermit.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task Lookups_read_their_own_writes()
    {
        await SetUpClientAsync("Lot A");

        var referenceId = await PushAsync("RYW1", "Lot A", Start, End);
        var afterPush = await ValidityAsync("RYW1");
        await UpdateAsync(referenceId, ("plate", "RYW2"));
        var oldPlate = await ValidityAsync("RYW1");
        var newPlate = await ValidityAsync("RYW2");
        await UpdateAsync(referenceId, ("endTime", "2026-06-15T11:59:00Z"));
        var afterShortening = await ValidityAsync("RYW2");
        await UpdateAsync(referenceId, ("endTime", End));
        await DeleteAsync(referenceId);
        var afterDelete = await ValidityAsync("RYW2");

        Assert.True(afterPush.GetProperty("valid").GetBoolean());
        Assert.False(oldPlate.GetProperty("valid").GetBoolean());
        Assert.True(newPlate.GetProperty("valid").GetBoolean());
        Assert.False(afterShortening.GetProperty("valid").GetBoolean());
        Assert.False(afterDelete.GetProperty("valid").GetBoolean());
        Assert.Equal(0, afterDelete.GetProperty("matches").GetArrayLength());
    }

    [Fact]
    public async Task Batch_answers_each_plate_in_order()
    {
        await SetUpClientAsync("Lot A");
        await PushAsync("BATCH1", "Lot A", Start, End);
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/{ClientCode}/validity/batch")
        {
            Content = JsonContent("""{"plates":["NOPE1","batch-1","BAD*"],"at":"2026-06-15T12:00:00Z"}"""),
        };
        request.Headers.Authorization = new("Bearer", Token);

        var response = await Host.Client.SendAsync(request);

        var body = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = body.GetProperty("results");
        Assert.Equal(3, results.GetArrayLength());
        Assert.False(results[0].GetProperty("valid").GetBoolean());
        Assert.True(results[1].GetProperty("valid").GetBoolean());
        Assert.Equal(JsonValueKind.Null, results[2].GetProperty("normalizedPlate").ValueKind);
    }

    [Fact]
    public async Task Batch_over_limit_is_rejected()
    {
        await SetUpClientAsync("Lot A");
        var plates = string.Join(",", Enumerable.Range(0, 1001).Select(i => $"\"P{i}\""));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/{ClientCode}/validity/batch")
        {
            Content = JsonContent($$"""{"plates":[{{plates}}]}"""),
        };
        request.Headers.Authorization = new("Bearer", Token);

        var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Missing_or_unknown_token_gets_401()
    {
        await SetUpClientAsync("Lot A");

        var missing = await Host.Client.GetAsync($"/v1/{ClientCode}/zones");
        var unknown = await GetAsync($"/v1/{ClientCode}/zones", "not-a-real-token");

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(401, (await ReadJsonAsync(missing)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task Token_without_permission_gets_403()
    {
        await SetUpClientAsync("Lot A");
        var (_, pushOnly) = await Host.IssueTokenAsync(Owner.Id, Permissions.PermitCreate);

        var response = await GetAsync($"/v1/{ClientCode}/zones", pushOnly);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Invalid_plate_and_instant_get_400()
    {
        await SetUpClientAsync("Lot A");

        var badPlate = await GetAsync($"/v1/{ClientCode}/validity?plate=AB%2A1");
        var missingPlate = await GetAsync($"/v1/{ClientCode}/validity");
        var localInstant = await GetAsync($"/v1/{ClientCode}/validity?plate=AB1&at=2026-06-15T12:00:00");

        Assert.Equal(HttpStatusCode.BadRequest, badPlate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, missingPlate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, localInstant.StatusCode);
    }

    [Fact]
    public async Task Zones_lists_names_and_time_zones()
    {
        await SetUpClientAsync(TimeSpan.Zero, "America/Vancouver", "Lot A", "Lot T@America/Toronto");

        var zones = (await GetJsonAsync($"/v1/{ClientCode}/zones")).GetProperty("zones");

        Assert.Equal(2, zones.GetArrayLength());
        Assert.Equal("Lot A", zones[0].GetProperty("name").GetString());
        Assert.Equal("America/Vancouver", zones[0].GetProperty("timeZone").GetString());
        Assert.Equal("America/Toronto", zones[1].GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Permit_and_history_show_every_event()
    {
        await SetUpClientAsync("Lot A");
        var referenceId = await PushAsync("HIST1", "Lot A", Start, End);
        await UpdateAsync(referenceId, ("plate", "HIST2"));
        await DeleteAsync(referenceId);

        var permit = await GetJsonAsync($"/v1/{ClientCode}/permits/{referenceId.ToUpperInvariant()}");
        var history = await GetJsonAsync($"/v1/{ClientCode}/permits/{referenceId}/history");
        var unknown = await GetAsync($"/v1/{ClientCode}/permits/00000000-0000-0000-0000-000000000000");

        Assert.Equal("HIST2", permit.GetProperty("plate").GetString());
        Assert.True(permit.GetProperty("deleted").GetBoolean());
        var kinds = history.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString());
        Assert.Equal(["created", "updated", "deleted"], kinds);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Feed_lists_unexpired_permits_in_pages()
    {
        await SetUpClientAsync("Lot A");
        await PushAsync("OLD1", "Lot A", "2026-06-14T08:00:00Z", "2026-06-14T09:00:00Z");
        var running = await PushAsync("RUN1", "Lot A", Start, End);
        var upcoming = await PushAsync("SOON1", "Lot A", "2026-06-16T08:00:00Z", "2026-06-16T09:00:00Z");

        var first = await GetJsonAsync($"/v1/{ClientCode}/zones/lot%20a/permits?limit=1");
        var second = await GetJsonAsync(
            $"/v1/{ClientCode}/zones/Lot%20A/permits?limit=1&since={first.GetProperty("nextToken").GetString()}");
        var third = await GetJsonAsync(
            $"/v1/{ClientCode}/zones/Lot%20A/permits?limit=1&since={second.GetProperty("nextToken").GetString()}");

        Assert.Equal([running], ReferenceIdsOf(first));
        Assert.Equal([upcoming], ReferenceIdsOf(second));
        Assert.Empty(ReferenceIdsOf(third));
    }

    [Fact]
    public async Task Feed_sends_changes_and_tombstones_across_restart()
    {
        await SetUpClientAsync("Lot A", "Lot B");
        var updated = await PushAsync("FEED1", "Lot A", Start, End);
        var deleted = await PushAsync("FEED2", "Lot A", Start, End);
        await PushAsync("OTHERZONE", "Lot B", Start, End);
        var listing = await GetJsonAsync($"/v1/{ClientCode}/zones/Lot%20A/permits");
        var token = listing.GetProperty("nextToken").GetString();

        var created = await PushAsync("FEED3", "Lot A", Start, End);
        await UpdateAsync(updated, ("endTime", "2026-06-15T17:00:00Z"));
        await DeleteAsync(deleted);
        var changes = await GetJsonAsync($"/v1/{ClientCode}/zones/Lot%20A/permits?since={token}");
        await RestartHostAsync();
        var afterRestart = await GetJsonAsync($"/v1/{ClientCode}/zones/Lot%20A/permits?since={token}");
        var caughtUp = await GetJsonAsync(
            $"/v1/{ClientCode}/zones/Lot%20A/permits?since={afterRestart.GetProperty("nextToken").GetString()}");

        Assert.Equal([created, updated, deleted], ReferenceIdsOf(changes));
        var permits = changes.GetProperty("permits");
        Assert.False(permits[0].GetProperty("deleted").GetBoolean());
        Assert.Equal("2026-06-15T17:00:00Z", permits[1].GetProperty("end").GetString());
        Assert.True(permits[2].GetProperty("deleted").GetBoolean());
        Assert.Equal(ReferenceIdsOf(changes), ReferenceIdsOf(afterRestart));
        Assert.Empty(ReferenceIdsOf(caughtUp));
    }

    [Fact]
    public async Task Feed_misses_no_concurrent_push()
    {
        await SetUpClientAsync("Lot A");
        var listing = await GetJsonAsync($"/v1/{ClientCode}/zones/Lot%20A/permits");
        var token = listing.GetProperty("nextToken").GetString();
        var seen = new HashSet<string>();
        var pushes = Enumerable.Range(0, 30)
            .Select(i => Task.Run(() => PushAsync($"RACE{i}", "Lot A", Start, End)))
            .ToList();

        // Poll the feed while the pushes commit, so pages end at changes whose neighbours are still in flight.
        while (!pushes.All(push => push.IsCompleted))
        {
            var page = await GetJsonAsync($"/v1/{ClientCode}/zones/Lot%20A/permits?since={token}&limit=3");
            seen.UnionWith(ReferenceIdsOf(page));
            token = page.GetProperty("nextToken").GetString();
        }

        var pushed = await Task.WhenAll(pushes);
        for (var more = true; more;)
        {
            var page = await GetJsonAsync($"/v1/{ClientCode}/zones/Lot%20A/permits?since={token}");
            var ids = ReferenceIdsOf(page);
            seen.UnionWith(ids);
            token = page.GetProperty("nextToken").GetString();
            more = ids.Count > 0;
        }

        Assert.Equal(pushed.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Feed_rejects_foreign_token_and_zone()
    {
        await SetUpClientAsync("Lot A");

        var badToken = await GetAsync($"/v1/{ClientCode}/zones/Lot%20A/permits?since=not-a-token");
        var unknownZone = await GetAsync($"/v1/{ClientCode}/zones/Lot%20Z/permits");

        Assert.Equal(HttpStatusCode.BadRequest, badToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownZone.StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_native_api()
    {
        var response = await Host.Client.GetAsync("/openapi/v1.json");

        var body = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = body.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/v1/{client}/validity", out _));
        Assert.True(paths.TryGetProperty("/v1/{client}/zones/{zone}/permits", out _));
        Assert.False(paths.TryGetProperty("/api/{client}/v1/permits/push", out _));
        var validity = paths.GetProperty("/v1/{client}/validity").GetProperty("get");
        Assert.Contains(
            validity.GetProperty("parameters").EnumerateArray(),
            parameter => parameter.GetProperty("name").GetString() == "client");
        Assert.True(validity.GetProperty("responses").GetProperty("200").TryGetProperty("content", out _));
    }

    private static List<string> ReferenceIdsOf(JsonElement page) =>
    [
        .. page.GetProperty("permits").EnumerateArray()
            .Select(permit => permit.GetProperty("referenceId").GetString()!),
    ];

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class SqliteEnforcementApiTests(PostgresCluster cluster)
    : EnforcementApiTests(Backend.Sqlite, cluster);

public sealed class PostgresEnforcementApiTests(PostgresCluster cluster)
    : EnforcementApiTests(Backend.Postgres, cluster);
