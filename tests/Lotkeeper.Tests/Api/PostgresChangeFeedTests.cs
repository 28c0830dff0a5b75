using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Lotkeeper.Storage;
using Lotkeeper.Tests.Infrastructure;
using Npgsql;

namespace Lotkeeper.Tests.Api;

/// <summary>
/// The zone feed on PostgreSQL, where changes are numbered after commit: interleavings that numbering at write time
/// would get wrong, made deterministic with a transaction held open on a raw connection, and writes from two server
/// instances on one database.
/// </summary>
public sealed class PostgresChangeFeedTests(PostgresCluster cluster) : EnforcementTestBase(Backend.Postgres, cluster)
{
    private const string Start = "2026-06-15T08:00:00Z";
    private const string End = "2026-06-15T18:00:00Z";
    private const string FeedPath = $"/v1/{ClientCode}/zones/Lot%20A/permits";

    [Fact]
    public async Task Earlier_transaction_committing_late_is_delivered()
    {
        await SetUpClientAsync("Lot A");
        var zone = (await Host.Admin.ListZonesAsync(Owner.Id, CancellationToken.None)).Single();
        var start = await GetJsonAsync(FeedPath);
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(Database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var earlier = await connection.BeginTransactionAsync(cancellationToken);
        var lateReference = Guid.CreateVersion7().ToString("D");

        // The earlier transaction writes its permit, and so gets its transaction id, before the push starts.
        await InsertPermitAsync(connection, earlier, lateReference, zone.Id, cancellationToken);
        var pushed = await PushAsync("LATER1", "Lot A", Start, End);
        var first = await GetJsonAsync($"{FeedPath}?since={NextTokenOf(start)}");
        await earlier.CommitAsync(cancellationToken);
        var second = await GetJsonAsync($"{FeedPath}?since={NextTokenOf(first)}");
        var third = await GetJsonAsync($"{FeedPath}?since={NextTokenOf(second)}");

        Assert.Equal([pushed], ReferenceIdsOf(first));
        Assert.Equal([lateReference], ReferenceIdsOf(second));
        Assert.Empty(ReferenceIdsOf(third));
    }

    [Fact]
    public async Task Two_instances_feed_misses_no_change()
    {
        await SetUpClientAsync("Lot A");
        await using var other = await LotkeeperHost.StartAsync(Database);
        var hosts = new[] { Host, other };
        var targets = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            targets.Add(await PushAsync($"OLD{i}", "Lot A", Start, End));
        }

        var plates = new Dictionary<string, string>();
        var token = await DrainAsync(other, null, plates);
        var writes = Enumerable.Range(0, 30)
            .Select(i => Task.Run(() => PushThroughAsync(hosts[i % 2], $"NEW{i}")))
            .Concat(targets.Select((reference, i) => Task.Run(
                () => UpdateThroughAsync(hosts[(i + 1) % 2], reference, $"UPD{i}"))))
            .ToList();

        // Poll through the second instance while both instances write, in small pages.
        while (!writes.All(write => write.IsCompleted))
        {
            var page = await ReadFeedAsync(other, token, limit: 3);
            Apply(page, plates);
            token = NextTokenOf(page);
        }

        await Task.WhenAll(writes);
        await DrainAsync(Host, token, plates);
        var stored = await Host.Admin.ListPermitsAsync(Owner.Id, includeDeleted: true, 1000, CancellationToken.None);

        Assert.Equal(50, stored.Count);
        Assert.Equal(
            stored.Select(permit => permit.ReferenceId).Order(StringComparer.Ordinal),
            plates.Keys.Order(StringComparer.Ordinal));
        foreach (var permit in stored)
        {
            Assert.Equal(permit.PlateRaw, plates[permit.ReferenceId]);
        }
    }

    /// <summary>Inserts a permit of this test's client the way a push does, in <paramref name="transaction"/>.</summary>
    private async Task InsertPermitAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string referenceId,
        long zoneId,
        CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO permits (reference_id, client_id, zone_id, plate_raw, plate_normalized, plate_folded,
                start_at, end_at, amount_cents, currency, permit_number, permit_type, created_at, updated_at,
                deleted_at, version)
            VALUES (@reference, @client, @zone, 'EARLY1', 'EARLY1', 'EAR1Y1', @start, @end, NULL, 'CAD', NULL,
                'temp', @start, @start, NULL, 1)
            """,
            connection,
            transaction);
        insert.Parameters.AddWithValue("reference", referenceId);
        insert.Parameters.AddWithValue("client", Owner.Id);
        insert.Parameters.AddWithValue("zone", zoneId);
        insert.Parameters.AddWithValue("start", Microseconds(Start));
        insert.Parameters.AddWithValue("end", Microseconds(End));
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task PushThroughAsync(LotkeeperHost host, string plate)
    {
        var response = await host.PostAsync(
            $"/api/{ClientCode}/v1/permits/push",
            new Dictionary<string, string>
            {
                ["apiToken"] = Token, ["plate"] = plate, ["zone"] = "Lot A", ["startTime"] = Start, ["endTime"] = End,
            });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task UpdateThroughAsync(LotkeeperHost host, string referenceId, string plate)
    {
        var response = await host.PostAsync(
            $"/api/{ClientCode}/v1/permits/update",
            new Dictionary<string, string> { ["apiToken"] = Token, ["referenceID"] = referenceId, ["plate"] = plate });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> ReadFeedAsync(LotkeeperHost host, string? token, int limit)
    {
        var path = token is null ? $"{FeedPath}?limit={limit}" : $"{FeedPath}?since={token}&limit={limit}";
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var response = await host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Reads pages from <paramref name="token"/> until one comes back empty; returns its token.</summary>
    private async Task<string> DrainAsync(LotkeeperHost host, string? token, Dictionary<string, string> plates)
    {
        while (true)
        {
            var page = await ReadFeedAsync(host, token, limit: 7);
            Apply(page, plates);
            token = NextTokenOf(page);
            if (page.GetProperty("permits").GetArrayLength() == 0)
            {
                return token;
            }
        }
    }

    /// <summary>Applies feed entries in the order sent, as a plate reader would: the last state of a permit wins.</summary>
    private static void Apply(JsonElement page, Dictionary<string, string> plates)
    {
        foreach (var permit in page.GetProperty("permits").EnumerateArray())
        {
            plates[permit.GetProperty("referenceId").GetString()!] = permit.GetProperty("plate").GetString()!;
        }
    }

    private static string NextTokenOf(JsonElement page) => page.GetProperty("nextToken").GetString()!;

    private static List<string> ReferenceIdsOf(JsonElement page) =>
    [
        .. page.GetProperty("permits").EnumerateArray()
            .Select(permit => permit.GetProperty("referenceId").GetString()!),
    ];

    private static long Microseconds(string instant) =>
        UnixTime.ToMicroseconds(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture));
}
