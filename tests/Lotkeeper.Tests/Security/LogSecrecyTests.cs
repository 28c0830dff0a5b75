using Lotkeeper.Auth;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Security;

public abstract class LogSecrecyTests(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    // Every category at Trace, so that no framework message escapes the check either.
    protected override string[] HostArguments =>
        ["--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Trace"];

    [Fact]
    public async Task Full_scenario_logs_no_token()
    {
        var (client, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);
        var (_, otherToken) = await Host.AddClientAsync("CITY");
        var (_, statsOnly) = await Host.IssueTokenAsync(client.Id, Permissions.PermitStats);
        const string unknownToken = "Zz-unknown-token-that-looks-real-0123456789abcdefg";
        string[] secrets = [token, otherToken, statsOnly, unknownToken];

        var push = await ReadJsonAsync(await Host.PostAsync("/api/OC-TOMA/v1/permits/push", new
        {
            apiToken = token, LicencePlate = "PL8RDR", zone = "Lot 4", endTime = "2026-06-15T18:00:00",
        }));
        var referenceId = push.GetProperty("reference_id").GetString()!;
        await Host.PostAsync("/api/OC-TOMA/v1/permits/update", new
        {
            api_token = token, referenceID = referenceId, Amount = "3.00",
        });
        await Host.PostAsync("/api/OC-TOMA/v1/permits/stats", new { apiToken = statsOnly });
        await Host.PostAsync("/api/OC-TOMA/v1/permits/delete", new { apiToken = statsOnly, referenceID = referenceId });
        await Host.PostAsync("/api/OC-TOMA/v1/permits/delete", new { apiToken = otherToken, referenceID = referenceId });
        await Host.PostAsync("/api/OC-TOMA/v1/permits/delete", new { apiToken = unknownToken, referenceID = referenceId });
        await Host.PostAsync("/api/OC-TOMA/v1/permits/push", new { apiToken = token, plate = "\u202EABC", zone = "x" });
        await Host.PostJsonAsync("/api/OC-TOMA/v1/permits/push", "{\"apiToken\":\"" + token + "\",");
        await Host.PostAsync("/api/OC-TOMA/v1/permits/delete", new { apiToken = token, referenceID = referenceId });
        await Host.PostAsync("/api/OC-TOMA/v1/permits/delete", new { apiToken = token, referenceID = referenceId });

        var log = Host.Log.Text;
        Assert.Contains("Rejected delete for client OC-TOMA with 9009", log, StringComparison.Ordinal);
        Assert.Contains("Rejected delete for client OC-TOMA with 9002", log, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
            Assert.DoesNotContain(ApiTokens.Hash(secret), log, StringComparison.OrdinalIgnoreCase);
        }
    }
}

public sealed class SqliteLogSecrecyTests(PostgresCluster cluster) : LogSecrecyTests(Backend.Sqlite, cluster);

public sealed class PostgresLogSecrecyTests(PostgresCluster cluster) : LogSecrecyTests(Backend.Postgres, cluster);
