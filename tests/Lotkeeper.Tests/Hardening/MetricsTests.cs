using System.Net;
using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Hardening;

public abstract class MetricsTests(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    [Fact]
    public async Task Metrics_count_requests_by_code()
    {
        var (_, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/push",
            $$"""{"apiToken":"{{token}}","plate":"ABC123","zone":"Lot 4","endTime":"2026-06-30T18:00:00"}""");
        await Host.PostJsonAsync("/api/OC-TOMA/v1/permits/stats", """{"apiToken":"wrong"}""");

        var response = await Host.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("lotkeeper_api_requests_total{", text, StringComparison.Ordinal);
        Assert.Matches("lotkeeper_api_requests_total\\{[^}]*code=\"success\"[^}]*endpoint=\"push\"", text);
        Assert.Matches("lotkeeper_api_requests_total\\{[^}]*code=\"9002\"[^}]*endpoint=\"stats\"", text);
        Assert.Contains("lotkeeper_api_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("lotkeeper_database_write_queue", text, StringComparison.Ordinal);
        Assert.DoesNotContain(token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiTokens.Hash(token), text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_endpoints_answer_ok()
    {
        var live = await Host.Client.GetAsync("/health/live");
        var ready = await Host.Client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }
}

public sealed class SqliteMetricsTests(PostgresCluster cluster) : MetricsTests(Backend.Sqlite, cluster);

public sealed class PostgresMetricsTests(PostgresCluster cluster) : MetricsTests(Backend.Postgres, cluster);
