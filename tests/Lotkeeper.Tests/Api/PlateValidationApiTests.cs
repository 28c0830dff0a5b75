using System.Net;
using System.Text.Json;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

public abstract class PlateValidationApiTests(Backend backend, PostgresCluster cluster)
    : EnforcementTestBase(backend, cluster)
{
    [Fact]
    public async Task Valid_plate_answers_public_shape()
    {
        await SetUpClientAsync(TimeSpan.Zero, "America/Toronto", "Lot 4");
        await PushAsync("PL8-RDR", "Lot 4", "2026-06-15T07:00:00", "2026-06-15T17:00:00");

        var response = await Host.PostAsync(
            "/api/v1/validate/plate", new { api_token = Token, client = ClientCode, plate = "pl8rdr" });

        var body = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["response", "plate", "responseJSON"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("pl8rdr", body.GetProperty("plate").GetString());
        Assert.NotEqual("", body.GetProperty("response").GetString());
        var json = body.GetProperty("responseJSON");
        Assert.Equal(
            ["permits", "type", "shortName", "expires", "active", "dntt"],
            json.EnumerateObject().Select(p => p.Name));
        var permit = json.GetProperty("permits")[0];
        Assert.Equal("temp", permit.GetProperty("type").GetString());
        Assert.Equal("Lot 4", permit.GetProperty("shortName").GetString());
        Assert.Equal("2026-06-15 17:00:00", permit.GetProperty("expires").GetString());
        Assert.Equal("1", permit.GetProperty("active").GetString());
        Assert.Equal("2026-06-15 17:00:00", json.GetProperty("expires").GetString());
        Assert.Equal(0, json.GetProperty("dntt").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_plate_answers_empty_object()
    {
        await SetUpClientAsync("Lot 4");

        var response = await Host.PostAsync(
            "/api/v1/validate/plate", new { apiToken = Token, client = ClientCode, plate = "NOPE1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            """{"response":"","plate":"NOPE1","responseJSON":{}}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Older_path_form_lists_recent_expiry()
    {
        await SetUpClientAsync("Lot 4");
        await PushAsync("OLD1", "Lot 4", "2026-06-15T08:00:00Z", "2026-06-15T11:50:00Z");

        var response = await Host.PostAsync($"/api/{ClientCode}/v1/validate/plate/OLD1", new { apiToken = Token });

        var body = await ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var permit = body.GetProperty("responseJSON").GetProperty("permits")[0];
        Assert.Equal("0", permit.GetProperty("active").GetString());
        Assert.Equal("2026-06-15 11:50:00", permit.GetProperty("expires").GetString());
    }

    [Fact]
    public async Task Errors_use_OpsCom_envelope()
    {
        await SetUpClientAsync("Lot 4");
        var (_, pushOnly) = await Host.IssueTokenAsync(Owner.Id, Permissions.PermitCreate);

        var missingClient = await Host.PostAsync("/api/v1/validate/plate", new { apiToken = Token, plate = "A1" });
        var missingToken = await Host.PostAsync("/api/v1/validate/plate", new { client = ClientCode, plate = "A1" });
        var notPermitted = await Host.PostAsync(
            "/api/v1/validate/plate", new { apiToken = pushOnly, client = ClientCode, plate = "A1" });
        var missingPlate = await Host.PostAsync(
            "/api/v1/validate/plate", new { apiToken = Token, client = ClientCode });
        var badPlate = await Host.PostAsync(
            "/api/v1/validate/plate", new { apiToken = Token, client = ClientCode, plate = "A*1" });
        var notJson = await Host.PostJsonAsync("/api/v1/validate/plate", "[1]");

        await AssertErrorAsync(
            missingClient, HttpStatusCode.BadRequest, 9000, "Client Code is missing from the request.");
        await AssertErrorAsync(
            missingToken, HttpStatusCode.Unauthorized, 9001, "API Token is missing from the request.");
        await AssertErrorAsync(
            notPermitted,
            HttpStatusCode.Forbidden,
            9002,
            "The supplied API token does not have permission to perform that request.");
        await AssertErrorAsync(missingPlate, HttpStatusCode.BadRequest, 9006, "Plate is a required field.");
        await AssertErrorAsync(badPlate, HttpStatusCode.BadRequest, 9033, "The field's value is invalid.");
        await AssertErrorAsync(notJson, HttpStatusCode.BadRequest, 9003, "Could not parse the request.");
    }
}

public sealed class SqlitePlateValidationApiTests(PostgresCluster cluster)
    : PlateValidationApiTests(Backend.Sqlite, cluster);

public sealed class PostgresPlateValidationApiTests(PostgresCluster cluster)
    : PlateValidationApiTests(Backend.Postgres, cluster);
