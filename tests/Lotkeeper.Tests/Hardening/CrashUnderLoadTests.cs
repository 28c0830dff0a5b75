using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Storage.Sql;
using Lotkeeper.Storage.Sqlite;
using Lotkeeper.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace Lotkeeper.Tests.Hardening;

/// <summary>
/// Runs the built server as its own process on an SQLite file, pushes and updates permits over real HTTP from
/// several workers as fast as they can, and kills the server with SIGKILL several times. Every acknowledged write
/// must survive with its acknowledged values, and no permit may exist without its creation event.
/// </summary>
public sealed class CrashUnderLoadTests(PostgresCluster cluster) : IAsyncLifetime
{
    private const int Crashes = 4;
    private const int Workers = 4;

    private TestDatabase? database;

    public async ValueTask InitializeAsync() => database = await TestDatabase.CreateAsync(Backend.Sqlite, cluster);

    public async ValueTask DisposeAsync()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Acknowledged_writes_survive_sigkill()
    {
        var token = await CreateClientAsync();
        var ledgers = Enumerable.Range(0, Workers)
            .Select(_ => new ConcurrentDictionary<string, PermitLedger>())
            .ToArray();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var server = new ServerHolder(await StartServerAsync());
        using var stopLoad = new CancellationTokenSource();
        var workers = Enumerable.Range(0, Workers)
            .Select(worker => Task.Run(
                () => RunWorkerAsync(worker, http, server, token, ledgers[worker], stopLoad.Token)))
            .ToArray();

        try
        {
            for (var crash = 0; crash < Crashes; crash++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(1500 + (crash * 300)));
                await server.Current.KillAsync();
                await server.Current.DisposeAsync();
                server.Current = await StartServerAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            await stopLoad.CancelAsync();
            await Task.WhenAll(workers);
            await server.Current.DisposeAsync();
        }

        var acknowledged = ledgers.SelectMany(ledger => ledger).ToList();
        Assert.True(acknowledged.Count > 50, $"Only {acknowledged.Count} pushes were acknowledged.");
        await using var connection = new SqliteConnection(database!.ConnectionString + ";Mode=ReadOnly");
        await connection.OpenAsync();
        var missing = new List<string>();
        foreach (var (referenceId, ledger) in acknowledged)
        {
            var stored = await ReadPermitAsync(connection, referenceId);
            if (stored is null || !ledger.Allows(stored.Value.Plate, stored.Value.End))
            {
                missing.Add($"{referenceId}: stored {stored?.Plate ?? "nothing"}, acknowledged {ledger.Acknowledged}");
            }
        }

        Assert.True(missing.Count == 0, string.Join('\n', missing.Take(20)));
        Assert.Equal(0L, await CountPermitsWithoutCreationAsync(connection));
    }

    private static async Task RunWorkerAsync(
        int worker,
        HttpClient http,
        ServerHolder server,
        string token,
        ConcurrentDictionary<string, PermitLedger> ledger,
        CancellationToken stop)
    {
        var sequence = 0;
        while (!stop.IsCancellationRequested)
        {
            sequence++;
            try
            {
                if (sequence % 2 == 0 && !ledger.IsEmpty)
                {
                    await UpdateAsync(worker, sequence, http, server, token, ledger);
                }
                else
                {
                    await PushAsync(worker, sequence, http, server, token, ledger);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                // The server is down or was killed mid-request; the write may or may not be stored.
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private static async Task PushAsync(
        int worker,
        int sequence,
        HttpClient http,
        ServerHolder server,
        string token,
        ConcurrentDictionary<string, PermitLedger> ledger)
    {
        var plate = $"W{worker}P{sequence}";
        var end = EndFor(sequence);
        var body = $$"""{"apiToken":"{{token}}","plate":"{{plate}}","zone":"Lot 4","endTime":"{{end}}"}""";
        var response = await PostAsync(http, server, "push", body);
        if (response is { } answer)
        {
            ledger[answer.GetProperty("reference_id").GetString()!] = new PermitLedger(new PermitValues(plate, end));
        }
    }

    private static async Task UpdateAsync(
        int worker,
        int sequence,
        HttpClient http,
        ServerHolder server,
        string token,
        ConcurrentDictionary<string, PermitLedger> ledger)
    {
        var (referenceId, entry) = ledger.ElementAt(sequence % ledger.Count);
        var values = new PermitValues($"W{worker}U{sequence}", EndFor(sequence));

        // Recorded before sending: if the server dies mid-request, this update may or may not be stored.
        entry.Pending.Add(values);
        var body = $$"""
            {"apiToken":"{{token}}","referenceID":"{{referenceId}}",
            "plate":"{{values.Plate}}","endTime":"{{values.End}}"}
            """;
        var response = await PostAsync(http, server, "update", body);
        if (response is not null)
        {
            entry.Acknowledge(values);
        }
    }

    /// <summary>Returns the success body, or null for any other response.</summary>
    private static async Task<JsonElement?> PostAsync(
        HttpClient http, ServerHolder server, string endpoint, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var address = new Uri(server.Current.BaseAddress, $"api/CRASH/v1/permits/{endpoint}");
        using var response = await http.PostAsync(address, content);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static string EndFor(int sequence) =>
        new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(sequence)
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<string> CreateClientAsync()
    {
        using var sqlite = new SqliteDatabase(new SqliteConnectionStringBuilder(database!.ConnectionString).DataSource);
        var store = new SqlStore(sqlite);
        await store.MigrateAsync(CancellationToken.None);
        var client = await store.AddClientAsync(
            new ClientRecord(
                0, "CRASH", "Crash test", "UTC", "CAD", ZonePolicy.AutoCreate, TimeSpan.Zero, TimeSpan.Zero,
                DateTimeOffset.UtcNow),
            CancellationToken.None);
        var (_, secret) = await new TokenIssuer(store, TimeProvider.System)
            .IssueAsync(client.Id, "crash", Permissions.All, null, CancellationToken.None);
        SqliteConnection.ClearAllPools();
        return secret;
    }

    private static async Task<(string? Plate, string End)?> ReadPermitAsync(
        SqliteConnection connection, string referenceId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT plate_raw, end_at FROM permits WHERE reference_id = $referenceId";
        command.Parameters.AddWithValue("$referenceId", referenceId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        var end = UnixTime.FromMicroseconds(reader.GetInt64(1))
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return (reader.IsDBNull(0) ? null : reader.GetString(0), end);
    }

    private static async Task<long> CountPermitsWithoutCreationAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*) FROM permits p
            WHERE NOT EXISTS (SELECT 1 FROM permit_events e WHERE e.permit_id = p.id AND e.kind = 'created')
            """;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private Task<LotkeeperProcess> StartServerAsync() => LotkeeperProcess.StartAsync(
    [
        "--Lotkeeper:Storage:Provider=sqlite",
        $"--Lotkeeper:Storage:ConnectionString={database!.ConnectionString}",
        "--Lotkeeper:Bootstrap:CreateDemoClient=false",
        "--Lotkeeper:RateLimit:PermitsPerSecond=0",
    ]);

    private sealed record PermitValues(string Plate, string End);

    /// <summary>The server process now running, replaced after every kill.</summary>
    private sealed class ServerHolder(LotkeeperProcess current)
    {
        private LotkeeperProcess current = current;

        public LotkeeperProcess Current
        {
            get => Volatile.Read(ref current);
            set => Volatile.Write(ref current, value);
        }
    }

    /// <summary>A permit's acknowledged values and the updates sent since, whose outcome is unknown.</summary>
    private sealed class PermitLedger(PermitValues acknowledged)
    {
        public PermitValues Acknowledged { get; private set; } = acknowledged;

        public ConcurrentBag<PermitValues> Pending { get; private set; } = [];

        public void Acknowledge(PermitValues values)
        {
            Acknowledged = values;
            Pending = [];
        }

        public bool Allows(string? plate, string end) =>
            Acknowledged == new PermitValues(plate!, end) || Pending.Contains(new PermitValues(plate!, end));
    }
}
