using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;
using Npgsql;

namespace Lotkeeper.Tests.Api;

/// <summary>
/// Stops and starts PostgreSQL under a running server: requests while the database is away get 9999 with HTTP 503
/// within seconds, and the server recovers by itself when the database is back.
/// </summary>
public sealed class PostgresOutageTests(PrivatePostgresCluster privateCluster)
    : IClassFixture<PrivatePostgresCluster>, IAsyncLifetime
{
    /// <summary>
    /// Maximum time a request may take while the database is away. Three attempts that are refused at once, plus
    /// 100 ms and 400 ms of backoff, take well under a second, which leaves room for a loaded machine.
    /// </summary>
    private static readonly TimeSpan MaxRequestTime = TimeSpan.FromSeconds(10);

    // A password that the trust-authenticated test cluster ignores; it must never reach the log.
    private const string Password = "outage-secret-7f3a";

    private TestDatabase? database;
    private LotkeeperHost? host;

    private PostgresCluster Cluster => privateCluster.Cluster;

    private LotkeeperHost Host => host!;

    public async ValueTask InitializeAsync()
    {
        database = await TestDatabase.CreateAsync(Backend.Postgres, Cluster);

        // Without Timeout and Command Timeout in the connection string the server's own defaults apply.
        var connection = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Password = Password };
        connection.Remove("Timeout");
        connection.Remove("Command Timeout");

        // The stream of pushes is faster than one token's default rate limit.
        host = await LotkeeperHost.StartAsync(
            database, $"--Lotkeeper:Storage:ConnectionString={connection}", "--Lotkeeper:RateLimit:PermitsPerSecond=0");
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Fact]
    public async Task Outage_returns_503_then_recovers()
    {
        var (_, token) = await Host.AddClientAsync("OUTAGE", ZonePolicy.AutoCreate);
        var phase = new PhaseClock();
        using var stop = new CancellationTokenSource();
        var workers = Enumerable.Range(0, 4).Select(worker => PushUntilStoppedAsync(token, worker, phase, stop.Token));
        var pushing = Task.WhenAll(workers);

        await Task.Delay(1000, TestContext.Current.CancellationToken);
        phase.Enter(Phase.Stopping);
        await Cluster.StopAsync();
        phase.Enter(Phase.Down);
        await Task.Delay(2500, TestContext.Current.CancellationToken);
        var readyWhileDown = await Host.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        phase.Enter(Phase.Starting);
        await Cluster.StartAsync();
        phase.Enter(Phase.Up);
        await Task.Delay(2000, TestContext.Current.CancellationToken);
        var readyAfter = await Host.Client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        await stop.CancelAsync();
        var results = (await pushing).SelectMany(list => list).ToList();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, readyWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAfter.StatusCode);
        Assert.All(results, result => Assert.True(
            result.Elapsed < MaxRequestTime, $"A push took {result.Elapsed.TotalSeconds:F1} s."));
        Assert.All(results, result => Assert.True(
            result.IsSuccess || result.IsUnavailable, $"Unexpected response {result.Status}: {result.Body}"));
        var whileDown = results
            .Where(result => result.StartPhase == Phase.Down && result.EndPhase == Phase.Down)
            .ToList();
        Assert.NotEmpty(whileDown);
        Assert.All(whileDown, result => Assert.True(result.IsUnavailable, $"Down: {result.Status} {result.Body}"));
        var afterRestart = results.Where(result => result.StartPhase == Phase.Up).ToList();
        Assert.NotEmpty(afterRestart);
        Assert.All(afterRestart, result => Assert.True(result.IsSuccess, $"Up: {result.Status} {result.Body}"));
        foreach (var acknowledged in results.Where(result => result.IsSuccess))
        {
            Assert.NotNull(await Host.Admin.FindPermitAsync(acknowledged.ReferenceId!, CancellationToken.None));
        }

        Assert.Contains("[3100]", Host.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, Host.Log.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("[2001]", Host.Log.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Push_after_quick_restart_succeeds()
    {
        var (_, token) = await Host.AddClientAsync("RESTART", ZonePolicy.AutoCreate);

        // Parallel pushes leave more idle connections in the pool than a request makes attempts.
        var before = await Task.WhenAll(Enumerable.Range(0, 12).Select(index =>
            Host.PostAsync("/api/RESTART/v1/permits/push", PushBody(token, $"before-{index}"))));
        Assert.All(before, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));

        // Nothing uses the database between stop and start, so the pool still contains the broken connections.
        await Cluster.StopAsync();
        await Cluster.StartAsync();
        var after = await Host.PostAsync("/api/RESTART/v1/permits/push", PushBody(token, "after"));
        var stats = await Host.PostAsync("/api/RESTART/v1/permits/stats", new Dictionary<string, string>
        {
            ["apiToken"] = token,
        });

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Contains("[3100]", Host.Log.Text, StringComparison.Ordinal);
    }

    private async Task<List<PushResult>> PushUntilStoppedAsync(
        string token, int worker, PhaseClock phase, CancellationToken stopToken)
    {
        var results = new List<PushResult>();
        for (var sequence = 0; !stopToken.IsCancellationRequested; sequence++)
        {
            var startPhase = phase.Current;
            var watch = Stopwatch.StartNew();
            using var response = await Host.PostAsync(
                "/api/OUTAGE/v1/permits/push", PushBody(token, $"W{worker}-{sequence}"));
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            results.Add(new PushResult(startPhase, phase.Current, watch.Elapsed, response.StatusCode, body));
        }

        return results;
    }

    private static Dictionary<string, string> PushBody(string token, string permitNumber) => new()
    {
        ["apiToken"] = token,
        ["LicencePlate"] = "PL8RDR",
        ["zone"] = "Lot 4",
        ["permitNo"] = permitNumber,
        ["startTime"] = "2026-06-15T12:00:00Z",
        ["endTime"] = "2026-06-15T13:00:00Z",
    };

    private enum Phase
    {
        Before,
        Stopping,
        Down,
        Starting,
        Up,
    }

    private sealed class PhaseClock
    {
        private volatile Phase current = Phase.Before;

        public Phase Current => current;

        public void Enter(Phase phase) => current = phase;
    }

    private sealed record PushResult(
        Phase StartPhase, Phase EndPhase, TimeSpan Elapsed, HttpStatusCode Status, string Body)
    {
        private JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public bool IsSuccess => Status == HttpStatusCode.OK && Json.GetProperty("status").GetString() == "success";

        public bool IsUnavailable => Status == HttpStatusCode.ServiceUnavailable
            && Json.GetProperty("ErrorCode").GetInt32() == 9999;

        public string? ReferenceId => IsSuccess ? Json.GetProperty("reference_id").GetString() : null;
    }
}
