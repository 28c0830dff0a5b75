using System.Net;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Hardening;

public abstract class RateLimitTests(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    protected override string[] HostArguments =>
        ["--Lotkeeper:RateLimit:PermitsPerSecond=1", "--Lotkeeper:RateLimit:Burst=3"];

    [Fact]
    public async Task Token_over_limit_gets_9901()
    {
        var (_, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate, zones: "Lot 4");
        var (_, otherToken) = await Host.AddClientAsync("CITY", ZonePolicy.AutoCreate, zones: "Lot 4");
        var body = $$"""{"apiToken":"{{token}}"}""";
        var otherBody = $$"""{"apiToken":"{{otherToken}}"}""";

        var limited = new List<HttpResponseMessage>();
        for (var i = 0; i < 6; i++)
        {
            limited.Add(await Host.PostJsonAsync("/api/OC-TOMA/v1/permits/stats", body));
        }

        var other = new List<HttpResponseMessage>();
        for (var i = 0; i < 3; i++)
        {
            other.Add(await Host.PostJsonAsync("/api/CITY/v1/permits/stats", otherBody));
        }

        var last = limited[^1];
        await AssertErrorAsync(last, (HttpStatusCode)429, 9901, "Too many requests.");
        Assert.True(last.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, limited[0].StatusCode);
        Assert.All(other, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.DoesNotContain(token, Host.Log.Text, StringComparison.Ordinal);
    }
}

public sealed class SqliteRateLimitTests(PostgresCluster cluster) : RateLimitTests(Backend.Sqlite, cluster);

public sealed class PostgresRateLimitTests(PostgresCluster cluster) : RateLimitTests(Backend.Postgres, cluster);
