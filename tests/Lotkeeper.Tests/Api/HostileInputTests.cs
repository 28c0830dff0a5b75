using System.Net;
using System.Text;
using System.Text.Json;
using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

/// <summary>
/// Hostile values in every attribute: each request gets a catalogue response (never 500), and a rejected one stores
/// nothing. Values are raw JSON, so they can carry escapes that no serializer would write.
/// </summary>
public abstract class HostileInputTests(Backend backend, PostgresCluster cluster)
    : PermitsApiTestBase(backend, cluster)
{
    private const string Placeholder = "\"__HOSTILE__\"";

    public static TheoryData<string> HostileValues =>
    [
        "\"'; DROP TABLE permits; --\"",
        "\"' OR '1'='1\"",
        "\"\\\" OR \\\"1\\\"=\\\"1\"",
        "\"Robert'); DELETE FROM permits WHERE ('1'='1\"",
        "\"<script>alert(1)</script>\"",
        "\"%s%n%x{0}\"",
        "\"${jndi:ldap://127.0.0.1/a}\"",
        "\"\\u0000\"",
        "\"ABC\\u0000\"",
        "\"\\u001b[31mred\"",
        "\"\\u202eABC\"",
        "\"\\u2066ABC\\u2069\"",
        "\"\\ud800\"",
        "\"ABC\\udc00\"",
        "\"\\ud83d\\ude00\"",
        "\"" + new string('A', 60_000) + "\"",
        "1e308",
        "-0",
        "12345678901234567890123456789012345678901234567890",
        "true",
        "[]",
        "[\"ABC123\"]",
        "{}",
        "{\"$gt\":\"\"}",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
    ];

    private static readonly string[] PushKeys =
    [
        "apiToken", "LicencePlate", "zone", "startTime", "endTime", "Amount", "CurrencyID", "permitNo", "permitType",
    ];

    private static readonly string[] UpdateKeys = ["apiToken", "referenceID", "plate", "endTime", "Amount", "currency"];

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_push_values_never_fail(string json)
    {
        await SetUpClientAsync();

        foreach (var key in PushKeys)
        {
            var before = await CountPermitsAsync();

            var response = await SendAsync("push", PushBody((key, "__HOSTILE__")).Replace(Placeholder, json));

            var outcome = await AssertCatalogueAnswerAsync(response, key);
            if (outcome is null)
            {
                await AssertStoredVerbatimAsync(key, json);
            }
            else
            {
                Assert.Equal(before, await CountPermitsAsync());
            }
        }

        await AssertHealthyAsync();
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_update_values_never_fail(string json)
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();
        var before = await FindPermitAsync(referenceId);

        foreach (var key in UpdateKeys)
        {
            var response = await SendAsync(
                "update", UpdateBody(referenceId, (key, "__HOSTILE__")).Replace(Placeholder, json));

            Assert.NotNull(await AssertCatalogueAnswerAsync(response, key));
            Assert.Equal(before, await FindPermitAsync(referenceId));
        }

        Assert.Single(await ListEventsAsync(referenceId));
        await AssertHealthyAsync();
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task Hostile_delete_and_stats_values_never_fail(string json)
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        var delete = await SendAsync("delete", DeleteBody("__HOSTILE__").Replace(Placeholder, json));
        var stats = await SendAsync("stats", StatsBody(("zones", "__HOSTILE__")).Replace(Placeholder, json));

        Assert.NotNull(await AssertCatalogueAnswerAsync(delete, "referenceID"));
        var statsError = await AssertCatalogueAnswerAsync(stats, "zones");
        if (statsError is null)
        {
            Assert.Equal("{\"data\":[]}", await stats.Content.ReadAsStringAsync());
        }

        Assert.Null((await FindPermitAsync(referenceId)).DeletedAt);
        await AssertHealthyAsync();
    }

    [Theory]
    [InlineData("\"'; DROP TABLE permits; --\"", "'; DROP TABLE permits; --")]
    [InlineData("\"Robert'); DELETE FROM zones; --\"", "Robert'); DELETE FROM zones; --")]
    [InlineData("\"\\\"quoted\\\" \\\\ back\"", "\"quoted\" \\ back")]
    public async Task Sql_fragments_stored_as_text(string json, string text)
    {
        await SetUpClientAsync(ZonePolicy.AutoCreate);

        var response = await SendAsync(
            "push",
            PushBody(("zone", "__ZONE__"), ("permitNo", "__HOSTILE__"))
                .Replace(Placeholder, json)
                .Replace("\"__ZONE__\"", json));

        var permit = await FindPermitAsync(await AssertSuccessAsync(response));
        Assert.Equal(text, permit.PermitNumber);
        Assert.Equal(text, permit.ZoneName);
        await AssertHealthyAsync();
    }

    [Fact]
    public async Task Deeply_nested_json_returns_9003()
    {
        await SetUpClientAsync();
        var nested = new string('[', 10_000) + new string(']', 10_000);

        var inValue = await SendAsync("push", PushBody(("notes", "__HOSTILE__")).Replace(Placeholder, nested));
        var atRoot = await SendAsync("push", nested);

        await AssertRejectedAsync(inValue, 9003);
        await AssertRejectedAsync(atRoot, 9003);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Nesting_to_32_levels_accepted()
    {
        await SetUpClientAsync();
        var nested = new string('[', 31) + new string(']', 31);

        var response = await SendAsync("push", PushBody(("notes", "__HOSTILE__")).Replace(Placeholder, nested));

        await AssertSuccessAsync(response);
    }

    [Theory]
    [InlineData("LicencePlate")]
    [InlineData("zone")]
    [InlineData("permitNo")]
    [InlineData("apiToken")]
    public async Task Megabyte_string_returns_413(string key)
    {
        await SetUpClientAsync();

        var response = await PushAsync((key, new string('A', 1024 * 1024)));

        await AssertRejectedAsync(response, 9003, status: HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Lone_surrogate_key_returns_9003()
    {
        await SetUpClientAsync();

        var response = await SendAsync("push", PushBody(("notes", 1)).Replace("\"notes\"", "\"\\ud800\""));

        await AssertRejectedAsync(response, 9003);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Many_keys_answered()
    {
        await SetUpClientAsync();
        var body = new StringBuilder("{");
        for (var i = 0; i < 5_000; i++)
        {
            body.Append("\"k").Append(i).Append("\":0,");
        }

        var response = await SendAsync("push", body.Append("\"apiToken\":null}").ToString());

        await AssertRejectedAsync(response, 9001);
    }

    /// <summary>
    /// Asserts that the response is a success or a catalogue error with its status (never 9999 or 500), and returns
    /// the error's code, or null for a success.
    /// </summary>
    private async Task<int?> AssertCatalogueAnswerAsync(HttpResponseMessage response, string key)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"{key}: {text}\n{Host.Log.Text}");
        using var document = JsonDocument.Parse(text);
        if (!document.RootElement.TryGetProperty("ErrorCode", out var code))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return null;
        }

        Assert.Contains(code.GetInt32(), OpsComErrors.PermitsApiCodes);
        await AssertCodeAsync(response, code.GetInt32());
        return code.GetInt32();
    }

    private async Task AssertStoredVerbatimAsync(string key, string json)
    {
        var stored = (await Host.Admin.ListPermitsAsync(Client.Id, includeDeleted: true, 1, default))[0];
        var sent = JsonDocument.Parse(json).RootElement;
        var value = sent.ValueKind == JsonValueKind.String ? sent.GetString() : sent.GetRawText();
        switch (key)
        {
            case "permitNo":
                Assert.Equal(value, stored.PermitNumber);
                break;
            default:
                Assert.Fail($"A hostile {key} {json} was accepted.");
                break;
        }
    }

    /// <summary>Asserts that the tables still serve requests and that nothing was logged as an unhandled error.</summary>
    private async Task AssertHealthyAsync()
    {
        await AssertSuccessAsync(await PushAsync(("LicencePlate", "OK1")));
        Assert.True((await StatsAsync()).IsSuccessStatusCode);
        Assert.DoesNotContain(Host.Log.Lines, line => line.StartsWith("Error", StringComparison.Ordinal));
    }
}

public sealed class SqliteHostileInputTests(PostgresCluster cluster) : HostileInputTests(Backend.Sqlite, cluster);

public sealed class PostgresHostileInputTests(PostgresCluster cluster) : HostileInputTests(Backend.Postgres, cluster);
