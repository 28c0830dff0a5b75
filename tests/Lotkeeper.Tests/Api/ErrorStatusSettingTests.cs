using System.Net;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

/// <summary>
/// With <c>Lotkeeper:Api:ErrorStatusCode=200</c> every OPS-COM error is sent with HTTP 200 and the same body.
/// </summary>
public abstract class ErrorStatusSettingTests(Backend backend, PostgresCluster cluster)
    : PermitsApiTestBase(backend, cluster)
{
    protected override string[] HostArguments => ["--Lotkeeper:Api:ErrorStatusCode=200"];

    /// <summary>One request for each code: endpoint, client segment, content type and body, then the code.</summary>
    public static TheoryData<string, string, string, string, int> Requests => new()
    {
        { "push", "%20", "application/json", "{}", 9000 },
        { "push", "OC-TOMA", "application/json", "{}", 9001 },
        { "push", "OC-TOMA", "application/json", "{\"apiToken\":\"nope\"}", 9002 },
        { "push", "OC-TOMA", "text/plain", "{}", 9003 },
        { "push", "OC-TOMA", "application/json", "[]", 9003 },
        { "push", "OC-TOMA", "application/json", "BIG", 9003 },
        { "push", "OC-TOMA", "application/json", "{\"apiToken\":\"TOKEN\",\"plate\":\"A\",\"zone\":\"Lot 4\"}", 9004 },
        {
            "push", "OC-TOMA", "application/json",
            "{\"apiToken\":\"TOKEN\",\"plate\":\"A\",\"zone\":\"Lot 4\",\"endTime\":\"x\"}", 9005
        },
        { "push", "OC-TOMA", "application/json", "{\"apiToken\":\"TOKEN\"}", 9006 },
        {
            "push", "OC-TOMA", "application/json",
            "{\"apiToken\":\"TOKEN\",\"plate\":\"A\",\"zone\":\"Lot 4\",\"startTime\":\"x\"}", 9007
        },
        { "update", "OC-TOMA", "application/json", "{\"apiToken\":\"TOKEN\"}", 9008 },
        { "delete", "OC-TOMA", "application/json", "{\"apiToken\":\"TOKEN\",\"referenceID\":\"nope\"}", 9009 },
        {
            "push", "OC-TOMA", "application/json",
            "{\"apiToken\":\"TOKEN\",\"plate\":\"ZZZ\",\"zone\":\"Lot 4\",\"endTime\":\"2026-06-15T18:00:00\","
            + "\"permitNo\":\"P-1\"}",
            9022
        },
        { "push", "OC-TOMA", "application/json", "{\"apiToken\":\"TOKEN\",\"plate\":\"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"}", 9030 },
        { "push", "OC-TOMA", "application/json", "{\"apiToken\":\"TOKEN\",\"plate\":\"A\"}", 9031 },
        { "push", "OC-TOMA", "application/json", "{\"apiToken\":\"TOKEN\",\"plate\":\"$\"}", 9033 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Errors_sent_with_status_200(
        string endpoint, string client, string contentType, string body, int code)
    {
        await SetUpClientAsync();
        await PushOkAsync(("permitNo", "P-1"));
        var text = body == "BIG"
            ? PushBody(("padding", new string('x', 70_000)))
            : body.Replace("TOKEN", Token, StringComparison.Ordinal);

        var response = await Host.PostJsonAsync($"/api/{client}/v1/permits/{endpoint}", text, contentType);

        var error = await AssertCodeAsync(response, code, HttpStatusCode.OK);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(error.TryGetProperty("ErrorMessage", out _));
    }

    [Fact]
    public async Task Empty_client_segment_sent_with_status_200()
    {
        await SetUpClientAsync();

        var response = await Host.PostJsonAsync("/api//v1/permits/push", "{}");

        await AssertCodeAsync(response, 9000, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Error_body_same_as_without_setting()
    {
        await SetUpClientAsync();
        await using var plainHost = await LotkeeperHost.StartAsync(Database);
        var body = PushBody(("LicencePlate", "$"));

        var withSetting = await SendAsync("push", body);
        var withoutSetting = await plainHost.PostJsonAsync($"/api/{ClientCode}/v1/permits/push", body);

        Assert.Equal(HttpStatusCode.OK, withSetting.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutSetting.StatusCode);
        Assert.Equal(
            await withoutSetting.Content.ReadAsStringAsync(), await withSetting.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Success_unchanged_by_setting()
    {
        await SetUpClientAsync(ZonePolicy.Strict);

        var response = await PushAsync();

        await AssertSuccessAsync(response);
    }
}

public sealed class SqliteErrorStatusSettingTests(PostgresCluster cluster)
    : ErrorStatusSettingTests(Backend.Sqlite, cluster);

public sealed class PostgresErrorStatusSettingTests(PostgresCluster cluster)
    : ErrorStatusSettingTests(Backend.Postgres, cluster);
