using System.Net;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

public abstract class PermitsApiSmokeTests(Backend backend, PostgresCluster cluster) : ApiTestBase(backend, cluster)
{
    [Fact]
    public async Task Documented_examples_push_update_delete_stats()
    {
        var (_, token) = await Host.AddClientAsync("OC-TOMA", ZonePolicy.AutoCreate);

        var push = await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/push",
            $$"""{"apiToken":"{{token}}","Amount":"14.50","CurrencyID":"CAD","LicencePlate":"PL8RDR","zone":"Lot 4","permitNo":"L4-1138","startTime":"2018-07-02T09:00:00","endTime":"2018-07-02T09:30:00"}""");
        var pushed = await ReadJsonAsync(push);
        Assert.True(pushed.TryGetProperty("reference_id", out _), pushed.ToString() + Host.Log.Text);
        var referenceId = pushed.GetProperty("reference_id").GetString()!;
        var update = await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/update",
            $$"""{"apiToken":"{{token}}","referenceID":"{{referenceId}}","plate":"PL8RDR","Amount":"14.50","currency":"CAD","endTime":"2018-07-02T09:30:00"}""");
        Assert.True(update.IsSuccessStatusCode, await update.Content.ReadAsStringAsync() + Host.Log.Text);
        var delete = await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/delete", $$"""{"apiToken":"{{token}}","referenceID":"{{referenceId}}"}""");
        var secondDelete = await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/delete", $$"""{"apiToken":"{{token}}","referenceID":"{{referenceId}}"}""");
        var stats = await Host.PostJsonAsync(
            "/api/OC-TOMA/v1/permits/stats", $$"""{"apiToken":"{{token}}","zones":"Lot 01,Lot 02"}""");

        Assert.Equal(HttpStatusCode.OK, push.StatusCode);
        Assert.Equal("success", pushed.GetProperty("status").GetString());
        Assert.Equal(referenceId, pushed.GetProperty("InternalReferenceID").GetString());
        Assert.Equal(referenceId, (await ReadJsonAsync(update)).GetProperty("reference_id").GetString());
        Assert.Equal(referenceId, (await ReadJsonAsync(delete)).GetProperty("reference_id").GetString());
        await AssertErrorAsync(secondDelete, HttpStatusCode.NotFound, 9009, "Record not found.");
        Assert.True(stats.IsSuccessStatusCode, await stats.Content.ReadAsStringAsync() + Host.Log.Text);
        Assert.Equal(0, (await ReadJsonAsync(stats)).GetProperty("data").GetArrayLength());
    }
}

public sealed class SqlitePermitsApiSmokeTests(PostgresCluster cluster)
    : PermitsApiSmokeTests(Backend.Sqlite, cluster);

public sealed class PostgresPermitsApiSmokeTests(PostgresCluster cluster)
    : PermitsApiSmokeTests(Backend.Postgres, cluster);
