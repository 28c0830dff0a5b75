using Lotkeeper.Domain;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

/// <summary>
/// The JSON keys each attribute accepts, matched ignoring case; conflicting keys, JSON null, unknown keys, and the
/// spellings of the client code in the path.
/// </summary>
public abstract class KeyAliasTests(Backend backend, PostgresCluster cluster) : PermitsApiTestBase(backend, cluster)
{
    [Theory]
    [InlineData("apiToken")]
    [InlineData("api_token")]
    [InlineData("APITOKEN")]
    [InlineData("ApiToken")]
    [InlineData("API_TOKEN")]
    public async Task Token_keys_accepted(string key)
    {
        await SetUpClientAsync();

        var response = await PushAsync(("apiToken", Omit), (key, Token));

        await AssertSuccessAsync(response);
    }

    [Theory]
    [InlineData("LicencePlate")]
    [InlineData("LicensePlate")]
    [InlineData("plate")]
    [InlineData("licenseplate")]
    [InlineData("LICENCEPLATE")]
    [InlineData("Plate")]
    public async Task Plate_keys_accepted(string key)
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(("LicencePlate", Omit), (key, "KEY123"));

        Assert.Equal("KEY123", (await FindPermitAsync(referenceId)).PlateRaw);
    }

    /// <summary>Push keys other than token and plate, each with a value that differs from the default push.</summary>
    public static TheoryData<string, string, string> PushKeys => new()
    {
        { "zone", "ZONE", "\"Lot 5\"" },
        { "zone", "Zone", "\"Lot 5\"" },
        { "startTime", "startTime", "\"2026-06-15T09:00:00\"" },
        { "startTime", "STARTTIME", "\"2026-06-15T09:00:00\"" },
        { "startTime", "StartDateUtc", "\"2026-06-15T09:00:00\"" },
        { "startTime", "startdateutc", "\"2026-06-15T09:00:00\"" },
        { "endTime", "endTime", "\"2026-06-15T19:00:00\"" },
        { "endTime", "EndDateUtc", "\"2026-06-15T19:00:00\"" },
        { "endTime", "ENDDATEUTC", "\"2026-06-15T19:00:00\"" },
        { "Amount", "Amount", "\"3.00\"" },
        { "Amount", "amount", "\"3.00\"" },
        { "Amount", "AMOUNT", "\"3.00\"" },
        { "CurrencyID", "CurrencyID", "\"USD\"" },
        { "CurrencyID", "currency", "\"USD\"" },
        { "CurrencyID", "currencyId", "\"USD\"" },
        { "CurrencyID", "CURRENCY", "\"USD\"" },
        { "permitNo", "permitNo", "\"P-1\"" },
        { "permitNo", "permitNumber", "\"P-1\"" },
        { "permitNo", "PERMITNO", "\"P-1\"" },
        { "permitNo", "PermitNumber", "\"P-1\"" },
        { "permitType", "permitType", "\"standard\"" },
        { "permitType", "type", "\"standard\"" },
        { "permitType", "TYPE", "\"standard\"" },
        { "permitType", "PermitType", "\"standard\"" },
    };

    [Theory]
    [MemberData(nameof(PushKeys))]
    public async Task Push_keys_accepted(string attribute, string key, string json)
    {
        await SetUpClientAsync();
        var expected = await FindPermitAsync(await PushOkAsync((attribute, Raw(json))));

        var referenceId = await PushOkAsync((attribute, Omit), (key, Raw(json)));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal(expected.ZoneName, permit.ZoneName);
        Assert.Equal(expected.Start, permit.Start);
        Assert.Equal(expected.End, permit.End);
        Assert.Equal(expected.AmountCents, permit.AmountCents);
        Assert.Equal(expected.Currency, permit.Currency);
        Assert.Equal(expected.PermitNumber is null ? null : expected.PermitNumber, permit.PermitNumber);
        Assert.Equal(expected.Type, permit.Type);
    }

    [Theory]
    [InlineData("referenceID")]
    [InlineData("reference_id")]
    [InlineData("referenceId")]
    [InlineData("REFERENCEID")]
    [InlineData("ReferenceID")]
    [InlineData("Reference_Id")]
    public async Task Reference_keys_accepted(string key)
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        var update = await UpdateAsync("x", ("referenceID", Omit), (key, referenceId), ("plate", "NEW1"));
        var delete = await DeleteAsync("x", ("referenceID", Omit), (key, referenceId));

        Assert.Equal(referenceId, await AssertSuccessAsync(update));
        Assert.Equal(referenceId, await AssertSuccessAsync(delete));
    }

    [Theory]
    [InlineData("zones")]
    [InlineData("ZONES")]
    [InlineData("Zones")]
    public async Task Zones_keys_accepted(string key)
    {
        await SetUpClientAsync();
        await PushOkAsync();
        await PushOkAsync(("zone", "Lot 5"));

        var response = await StatsAsync((key, "Lot 5"));

        var data = (await ReadJsonAsync(response)).GetProperty("data");
        Assert.Equal(1, data.GetArrayLength());
        Assert.Equal("Lot 5", data[0].GetProperty("zone").GetString());
    }

    /// <summary>Two keys of one attribute with different values: the two keys, their JSON values and the Field.</summary>
    public static TheoryData<string, string, string, string, string> ConflictingPushKeys => new()
    {
        { "LicencePlate", "\"ABC123\"", "plate", "\"XYZ789\"", "LicencePlate" },
        { "LicencePlate", "\"ABC123\"", "LicensePlate", "\"abc123\"", "LicencePlate" },
        { "LicencePlate", "\"ABC123\"", "plate", "123", "LicencePlate" },
        { "zone", "\"Lot 4\"", "ZONE", "\"Lot 5\"", "zone" },
        { "startTime", "\"2026-06-15T08:00:00\"", "StartDateUtc", "\"2026-06-15T09:00:00\"", "startTime" },
        { "endTime", "\"2026-06-15T18:00:00\"", "EndDateUtc", "\"2026-06-15T19:00:00\"", "endTime" },
        { "endTime", "\"2026-06-15T18:00:00\"", "ENDTIME", "\"2026-06-15T18:00:01\"", "endTime" },
        { "Amount", "\"14.50\"", "amount", "\"15.00\"", "Amount" },
        { "Amount", "\"14.50\"", "amount", "14.5", "Amount" },
        { "CurrencyID", "\"CAD\"", "currency", "\"USD\"", "CurrencyID" },
        { "permitNo", "\"P-1\"", "permitNumber", "\"P-2\"", "permitNo" },
        { "permitNo", "\"1\"", "permitNumber", "1", "permitNo" },
        { "permitType", "\"temp\"", "type", "\"standard\"", "permitType" },
    };

    [Theory]
    [MemberData(nameof(ConflictingPushKeys))]
    public async Task Conflicting_push_keys_return_9033(
        string firstKey, string firstJson, string secondKey, string secondJson, string field)
    {
        await SetUpClientAsync();

        var response = await PushAsync((firstKey, Raw(firstJson)), (secondKey, Raw(secondJson)));

        await AssertRejectedAsync(response, 9033, field);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Theory]
    [InlineData("LicencePlate", "plate", "\"ABC123\"")]
    [InlineData("zone", "Zone", "\"Lot 4\"")]
    [InlineData("endTime", "ENDTIME", "\"2026-06-15T18:00:00\"")]
    [InlineData("startTime", "starttime", "\"2026-06-15T08:00:00\"")]
    [InlineData("Amount", "amount", "\"14.50\"")]
    [InlineData("CurrencyID", "currency", "\"CAD\"")]
    [InlineData("permitNo", "permitNumber", "\"P-1\"")]
    [InlineData("permitType", "type", "\"temp\"")]
    [InlineData("apiToken", "api_token", "TOKEN")]
    public async Task Equal_values_under_two_keys_accepted(string firstKey, string secondKey, string json)
    {
        await SetUpClientAsync();
        var value = json == "TOKEN" ? Token : Raw(json);

        var response = await PushAsync((firstKey, value), (secondKey, value));

        await AssertSuccessAsync(response);
    }

    [Theory]
    [InlineData("{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"LicencePlate\":\"XYZ\",\"zone\":\"Lot 4\","
        + "\"endTime\":\"2026-06-15T18:00:00\"}", 9033)]
    [InlineData("{\"apiToken\":\"TOKEN\",\"LicencePlate\":\"ABC\",\"LicencePlate\":\"ABC\",\"zone\":\"Lot 4\","
        + "\"endTime\":\"2026-06-15T18:00:00\"}", 0)]
    public async Task Repeated_key_follows_conflict_rule(string body, int code)
    {
        await SetUpClientAsync();

        var response = await SendAsync("push", body.Replace("TOKEN", Token, StringComparison.Ordinal));

        if (code == 0)
        {
            await AssertSuccessAsync(response);
        }
        else
        {
            await AssertRejectedAsync(response, code, "LicencePlate");
        }
    }

    [Fact]
    public async Task Time_under_utc_and_local_keys_conflicts()
    {
        await SetUpClientAsync();

        var response = await PushAsync(("endTime", DefaultEnd), ("EndDateUtc", DefaultEnd));

        await AssertRejectedAsync(response, 9033, "endTime");
    }

    [Fact]
    public async Task Conflicting_reference_keys_return_9033()
    {
        await SetUpClientAsync();
        var first = await PushOkAsync();
        var second = await PushOkAsync();

        var update = await UpdateAsync(first, ("reference_id", second), ("plate", "NEW1"));
        var delete = await DeleteAsync(first, ("reference_id", second));

        await AssertRejectedAsync(update, 9033, "referenceID");
        await AssertRejectedAsync(delete, 9033, "referenceID");
        Assert.Equal("ABC123", (await FindPermitAsync(first)).PlateRaw);
        Assert.Null((await FindPermitAsync(second)).DeletedAt);
    }

    [Fact]
    public async Task Conflicting_token_keys_return_9002()
    {
        await SetUpClientAsync();
        var (_, secret) = await Host.IssueTokenAsync(Client.Id, Permissions.All);

        var response = await PushAsync(("api_token", secret));

        await AssertRejectedAsync(response, 9002);
    }

    [Fact]
    public async Task Conflicting_zones_keys_return_9033()
    {
        await SetUpClientAsync();

        var response = await StatsAsync(("zones", "Lot 4"), ("ZONES", "Lot 5"));

        await AssertRejectedAsync(response, 9033, "zones");
    }

    [Theory]
    [InlineData("LicencePlate", 9006, "LicencePlate")]
    [InlineData("zone", 9031, "zone")]
    [InlineData("endTime", 9004, "endTime")]
    [InlineData("apiToken", 9001, null)]
    public async Task Null_counts_as_absent(string key, int code, string? field)
    {
        await SetUpClientAsync();

        var response = await PushAsync((key, null));

        await AssertRejectedAsync(response, code, field);
    }

    [Fact]
    public async Task Null_beside_value_is_ignored()
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(
            ("LicencePlate", null), ("plate", "NUL1"), ("Amount", null), ("CurrencyID", null), ("permitNo", null),
            ("permitType", null), ("startTime", null));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal("NUL1", permit.PlateRaw);
        Assert.Null(permit.AmountCents);
        Assert.Equal("CAD", permit.Currency);
        Assert.Null(permit.PermitNumber);
        Assert.Equal(PermitType.Temp, permit.Type);
        Assert.Equal(LotkeeperHost.DefaultNow, permit.Start);
    }

    [Fact]
    public async Task Null_on_update_keeps_value()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("Amount", "14.50"));

        var response = await UpdateAsync(
            referenceId, ("plate", null), ("Amount", null), ("currency", null), ("endTime", null));

        await AssertSuccessAsync(response);
        Assert.Single(await ListEventsAsync(referenceId));
        Assert.Equal(1450, (await FindPermitAsync(referenceId)).AmountCents);
    }

    [Fact]
    public async Task Unknown_keys_are_ignored()
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(
            ("notes", "paid at machine 3"),
            ("LicencePlate2", "$$$"),
            ("PlateState", "ON"),
            ("vehicle", Raw("{\"make\":\"Ford\",\"plate\":\"$$$\"}")),
            ("tags", Raw("[1,2,3]")),
            ("", "empty key"),
            ("zone ", "Lot 9"));

        Assert.Equal("ABC123", (await FindPermitAsync(referenceId)).PlateRaw);
    }

    [Theory]
    [InlineData("OC-TOMA")]
    [InlineData("OC_TOMA")]
    [InlineData("oc_toma")]
    [InlineData("oc-toma")]
    [InlineData("Oc_Toma")]
    public async Task Client_code_spellings_accepted(string segment)
    {
        await SetUpClientAsync();

        var push = await SendAsync("push", PushBody(), segment);
        var referenceId = await AssertSuccessAsync(push);
        var update = await SendAsync("update", UpdateBody(referenceId, ("plate", "NEW1")), segment);
        var stats = await SendAsync("stats", StatsBody(), segment);
        var delete = await SendAsync("delete", DeleteBody(referenceId), segment);

        await AssertSuccessAsync(update);
        Assert.Equal(1, (await ReadJsonAsync(stats)).GetProperty("data").GetArrayLength());
        await AssertSuccessAsync(delete);
    }

    [Fact]
    public async Task Client_registered_with_underscore_matches_hyphen()
    {
        var (_, token) = await Host.AddClientAsync("UNI_NORTH", zones: "Lot 4");

        var response = await Host.PostJsonAsync(
            "/api/uni-north/v1/permits/push",
            Body([("apiToken", token), ("plate", "ABC"), ("zone", "Lot 4"), ("endTime", DefaultEnd)]));

        await AssertSuccessAsync(response);
    }
}

public sealed class SqliteKeyAliasTests(PostgresCluster cluster) : KeyAliasTests(Backend.Sqlite, cluster);

public sealed class PostgresKeyAliasTests(PostgresCluster cluster) : KeyAliasTests(Backend.Postgres, cluster);
