using System.Net;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

public abstract class PushTests(Backend backend, PostgresCluster cluster) : PermitsApiTestBase(backend, cluster)
{
    [Fact]
    public async Task Push_documented_example_returns_success()
    {
        await SetUpClientAsync();

        var response = await SendAsync(
            "push",
            $$"""{"apiToken":"{{Token}}","Amount":"14.50","CurrencyID":"CAD","LicencePlate":"PL8RDR","zone":"Lot 4","permitNo":"L4-1138","startTime":"2018-07-02T09:00:00","endTime":"2018-07-02T09:30:00"}""");

        var referenceId = await AssertSuccessAsync(response);
        var body = await ReadJsonAsync(response);
        Assert.Equal("2018-07-02T09:00:00Z", body.GetProperty("startTimeUtc").GetString());
        Assert.Equal("2018-07-02T09:30:00Z", body.GetProperty("endTimeUtc").GetString());
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", referenceId);
    }

    [Theory]
    [InlineData("Lot TZ", "America/Toronto", true)]
    [InlineData("New Lot", null, false)]
    public async Task Created_record_matches_stored_row(string zoneName, string? zoneTimeZone, bool zoneExists)
    {
        await SetUpClientAsync();
        var now = Host.Clock.GetUtcNow();
        var zone = zoneExists
            ? await Host.Admin.AddZoneAsync(Client.Id, zoneName, zoneTimeZone, now, CancellationToken.None)
            : null;
        var permit = new NewPermit(
            Guid.CreateVersion7().ToString("D"),
            Client.Id,
            zone?.Id,
            zoneName,
            zone?.TimeZone,
            ZoneNames.KeyOf(zoneName),
            new Plate("ab-123", "AB123"),
            now.AddTicks(1234567),
            now.AddHours(2).AddTicks(7),
            1450,
            "CAD",
            "N-1",
            PermitType.Standard,
            now.AddTicks(3),
            null);

        var result = await Store.CreatePermitAsync(permit, null, CancellationToken.None);

        var stored = await FindPermitAsync(permit.ReferenceId);
        Assert.True(result.Created);
        Assert.Equal(stored, result.Permit);
        Assert.Equal(zoneTimeZone, result.Permit.ZoneTimeZone);
    }

    [Fact]
    public async Task Push_stores_every_attribute()
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(
            ("LicencePlate", "pl8-rdr"),
            ("zone", "  lot   4 "),
            ("Amount", "14.50"),
            ("CurrencyID", "usd"),
            ("permitNo", "L4-1138"),
            ("permitType", "Standard"));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal("pl8-rdr", permit.PlateRaw);
        Assert.Equal("PL8RDR", permit.PlateNormalized);
        Assert.Equal("Lot 4", permit.ZoneName);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero), permit.Start);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 18, 0, 0, TimeSpan.Zero), permit.End);
        Assert.Equal(1450, permit.AmountCents);
        Assert.Equal("USD", permit.Currency);
        Assert.Equal("L4-1138", permit.PermitNumber);
        Assert.Equal(PermitType.Standard, permit.Type);
        Assert.Null(permit.DeletedAt);
    }

    [Fact]
    public async Task Push_records_creation_event_with_token()
    {
        await SetUpClientAsync();
        var tokens = await Host.Admin.ListTokensAsync(Client.Id, CancellationToken.None);

        var referenceId = await PushOkAsync(("permitNo", "P-1"));

        var events = await ListEventsAsync(referenceId);
        var created = Assert.Single(events);
        Assert.Equal(PermitEventKind.Created, created.Kind);
        Assert.Equal(tokens.Single().Id, created.TokenId);
        Assert.Equal(LotkeeperHost.DefaultNow, created.At);
        Assert.Contains(new FieldChange("plate", null, "ABC123"), created.Changes);
        Assert.Contains(new FieldChange("permitNumber", null, "P-1"), created.Changes);
    }

    [Fact]
    public async Task Push_without_optional_attributes_uses_defaults()
    {
        await SetUpClientAsync();

        var response = await PushAsync(("startTime", Omit));

        var referenceId = await AssertSuccessAsync(response);
        var permit = await FindPermitAsync(referenceId);
        Assert.Equal(LotkeeperHost.DefaultNow, permit.Start);
        Assert.Equal("CAD", permit.Currency);
        Assert.Equal(PermitType.Temp, permit.Type);
        Assert.Null(permit.AmountCents);
        Assert.Null(permit.PermitNumber);
        Assert.Equal("2026-06-15T12:00:00Z", (await ReadJsonAsync(response)).GetProperty("startTimeUtc").GetString());
    }

    [Fact]
    public async Task Push_default_start_keeps_microseconds()
    {
        await SetUpClientAsync();
        Host.Clock.Advance(TimeSpan.FromTicks(1_234_567));

        var referenceId = await PushOkAsync(("startTime", Omit));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal(LotkeeperHost.DefaultNow.AddTicks(1_234_560), permit.Start);
    }

    /// <summary>
    /// Every rejected push of the attribute rules: the key and its JSON value (null leaves the key out), the error
    /// code and the <c>Field</c> the error names.
    /// </summary>
    public static TheoryData<string, string?, int, string> RejectedValues => new()
    {
        { "LicencePlate", null, 9006, "LicencePlate" },
        { "LicencePlate", "\"\"", 9006, "LicencePlate" },
        { "LicencePlate", "\"   \"", 9006, "LicencePlate" },
        { "LicencePlate", "\"\\u00a0\\u200b\"", 9006, "LicencePlate" },
        { "LicencePlate", "\"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"", 9030, "LicencePlate" },
        { "LicencePlate", "\"A" + new string(' ', 64) + "\"", 9030, "LicencePlate" },
        { "LicencePlate", "\"ABC$123\"", 9033, "LicencePlate" },
        { "LicencePlate", "\"ABC_123\"", 9033, "LicencePlate" },
        { "LicencePlate", "\"-.-\"", 9033, "LicencePlate" },
        { "LicencePlate", "123", 9033, "LicencePlate" },
        { "LicencePlate", "true", 9033, "LicencePlate" },
        { "LicencePlate", "[\"ABC123\"]", 9033, "LicencePlate" },
        { "LicencePlate", "{}", 9033, "LicencePlate" },
        { "zone", null, 9031, "zone" },
        { "zone", "\"\"", 9031, "zone" },
        { "zone", "\"  \\t \"", 9031, "zone" },
        { "zone", "\"" + new string('Z', 101) + "\"", 9030, "zone" },
        { "zone", "\"Lot\\u00014\"", 9033, "zone" },
        { "zone", "\"Lot \\u202e4\"", 9033, "zone" },
        { "zone", "\"Lot 6\"", 9033, "zone" },
        { "zone", "4", 9033, "zone" },
        { "zone", "[\"Lot 4\"]", 9033, "zone" },
        { "startTime", "\"2026-02-30T08:00:00\"", 9007, "startTime" },
        { "startTime", "\"2026-06-15T24:00:00\"", 9007, "startTime" },
        { "startTime", "\"2026-06-15T08:00\"", 9007, "startTime" },
        { "startTime", "\"2026-06-15\"", 9007, "startTime" },
        { "startTime", "\"15/06/2026 08:00:00\"", 9007, "startTime" },
        { "startTime", "\"2026-06-15T08:00:00+19:00\"", 9007, "startTime" },
        { "startTime", "\"\"", 9007, "startTime" },
        { "startTime", "1781510400", 9007, "startTime" },
        { "endTime", null, 9004, "endTime" },
        { "endTime", "\"2026-02-30T18:00:00\"", 9005, "endTime" },
        { "endTime", "\"2026-06-15T08:00:00\"", 9005, "endTime" },
        { "endTime", "\"2026-06-15T07:59:59\"", 9005, "endTime" },
        { "endTime", "\"soon\"", 9005, "endTime" },
        { "endTime", "false", 9005, "endTime" },
        { "Amount", "\"14.5\"", 9033, "Amount" },
        { "Amount", "\"14\"", 9033, "Amount" },
        { "Amount", "\"$14.50\"", 9033, "Amount" },
        { "Amount", "\"14,50\"", 9033, "Amount" },
        { "Amount", "\"0.00\"", 9033, "Amount" },
        { "Amount", "\"1000000.00\"", 9033, "Amount" },
        { "Amount", "\"-1.00\"", 9033, "Amount" },
        { "Amount", "\"\"", 9033, "Amount" },
        { "Amount", "\"14.50\\n\"", 9033, "Amount" },
        { "Amount", "0", 9033, "Amount" },
        { "Amount", "-14.50", 9033, "Amount" },
        { "Amount", "14.505", 9033, "Amount" },
        { "Amount", "1000000", 9033, "Amount" },
        { "Amount", "1e400", 9033, "Amount" },
        { "Amount", "1e28", 9033, "Amount" },
        { "Amount", "79228162514264337593543950335", 9033, "Amount" },
        { "Amount", "true", 9033, "Amount" },
        { "CurrencyID", "\"XYZ\"", 9033, "CurrencyID" },
        { "CurrencyID", "\"CA\"", 9033, "CurrencyID" },
        { "CurrencyID", "\"CADD\"", 9033, "CurrencyID" },
        { "CurrencyID", "\"\"", 9033, "CurrencyID" },
        { "CurrencyID", "124", 9033, "CurrencyID" },
        { "permitNo", "\"" + new string('N', 51) + "\"", 9030, "permitNo" },
        { "permitNo", "\"\"", 9033, "permitNo" },
        { "permitNo", "\"   \"", 9033, "permitNo" },
        { "permitNo", "\"L4\\u0007\"", 9033, "permitNo" },
        { "permitNo", "\"L4\\u2066\"", 9033, "permitNo" },
        { "permitNo", "true", 9033, "permitNo" },
        { "permitNo", "[1]", 9033, "permitNo" },
        { "permitType", "\"weekly\"", 9033, "permitType" },
        { "permitType", "\"\"", 9033, "permitType" },
        { "permitType", "\"temp \"", 9033, "permitType" },
        { "permitType", "1", 9033, "permitType" },
    };

    [Theory]
    [MemberData(nameof(RejectedValues))]
    public async Task Push_invalid_attribute_is_rejected(string key, string? json, int code, string field)
    {
        await SetUpClientAsync();

        var response = await PushAsync((key, json is null ? Omit : Raw(json)));

        await AssertRejectedAsync(response, code, field);
        Assert.Equal(0, await CountPermitsAsync());
    }

    public static TheoryData<string, string> AcceptedAmounts => new()
    {
        { "\"14.50\"", "14.50" },
        { "\"0.01\"", "0.01" },
        { "\"999999.99\"", "999999.99" },
        { "14.5", "14.50" },
        { "14", "14.00" },
        { "14.500", "14.50" },
        { "999999.99", "999999.99" },
        { "1.5e1", "15.00" },
    };

    [Theory]
    [MemberData(nameof(AcceptedAmounts))]
    public async Task Push_accepts_amount_forms(string json, string stored)
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(("Amount", Raw(json)));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal(stored, Money.Format(permit.AmountCents!.Value));
    }

    [Theory]
    [InlineData("CAD", "CAD")]
    [InlineData("cad", "CAD")]
    [InlineData("Eur", "EUR")]
    [InlineData("usd", "USD")]
    public async Task Push_currency_stored_upper_case(string sent, string stored)
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(("CurrencyID", sent));

        Assert.Equal(stored, (await FindPermitAsync(referenceId)).Currency);
    }

    [Theory]
    [InlineData("standard", PermitType.Standard)]
    [InlineData("STANDARD", PermitType.Standard)]
    [InlineData("temp", PermitType.Temp)]
    [InlineData("temporary", PermitType.Temp)]
    [InlineData("Temporary", PermitType.Temp)]
    [InlineData("validator", PermitType.Validator)]
    public async Task Push_accepts_permit_types(string sent, PermitType stored)
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(("permitType", sent));

        Assert.Equal(stored, (await FindPermitAsync(referenceId)).Type);
    }

    [Theory]
    [InlineData("1138", "1138")]
    [InlineData("1.50", "1.50")]
    [InlineData("\"L4-1138\"", "L4-1138")]
    [InlineData("\" padded \"", " padded ")]
    [InlineData("\"NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN\"", "NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN")]
    public async Task Push_permit_number_stored_as_written(string json, string stored)
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(("permitNo", Raw(json)));

        Assert.Equal(stored, (await FindPermitAsync(referenceId)).PermitNumber);
    }

    [Fact]
    public async Task Push_unknown_zone_created_under_auto_create()
    {
        await SetUpClientAsync(ZonePolicy.AutoCreate);

        var referenceId = await PushOkAsync(("zone", "  Red   Lot "));
        var again = await PushOkAsync(("zone", "RED LOT"));

        var zones = await Host.Admin.ListZonesAsync(Client.Id, CancellationToken.None);
        Assert.Contains(zones, zone => zone.Name == "Red Lot");
        Assert.Equal(3, zones.Count);
        Assert.Equal("Red Lot", (await FindPermitAsync(referenceId)).ZoneName);
        Assert.Equal("Red Lot", (await FindPermitAsync(again)).ZoneName);
    }

    [Fact]
    public async Task Push_zone_of_100_characters_accepted()
    {
        await SetUpClientAsync(ZonePolicy.AutoCreate);
        var name = new string('Z', 100);

        var referenceId = await PushOkAsync(("zone", name));

        Assert.Equal(name, (await FindPermitAsync(referenceId)).ZoneName);
    }

    [Fact]
    public async Task Push_zone_matched_ignoring_case_and_spaces()
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(("zone", " LOT\t4 "));

        Assert.Equal("Lot 4", (await FindPermitAsync(referenceId)).ZoneName);
    }

    [Fact]
    public async Task Push_same_permit_retried_returns_same_id()
    {
        await SetUpClientAsync();
        var first = await PushOkAsync(("permitNo", "L4-1138"), ("Amount", "14.50"));

        var second = await PushOkAsync(("permitNo", "L4-1138"), ("Amount", 14.5), ("LicencePlate", "abc-123"));

        Assert.Equal(first, second);
        Assert.Equal(1, await CountPermitsAsync());
        Assert.Single(await ListEventsAsync(first));
    }

    [Fact]
    public async Task Push_retry_without_start_matches()
    {
        await SetUpClientAsync();
        var first = await PushOkAsync(("permitNo", "L4-1138"));

        var second = await PushOkAsync(("permitNo", "L4-1138"), ("startTime", Omit));

        Assert.Equal(first, second);
        Assert.Equal(1, await CountPermitsAsync());
    }

    public static TheoryData<string, string> ChangedDetails => new()
    {
        { "LicencePlate", "\"XYZ789\"" },
        { "endTime", "\"2026-06-15T19:00:00\"" },
        { "startTime", "\"2026-06-15T09:00:00\"" },
        { "Amount", "\"15.00\"" },
        { "CurrencyID", "\"USD\"" },
        { "permitType", "\"standard\"" },
    };

    [Theory]
    [MemberData(nameof(ChangedDetails))]
    public async Task Push_same_number_other_details_returns_9022(string key, string json)
    {
        await SetUpClientAsync();
        await PushOkAsync(("permitNo", "L4-1138"), ("Amount", "14.50"));

        var response = await PushAsync(("permitNo", "L4-1138"), ("Amount", "14.50"), (key, Raw(json)));

        await AssertRejectedAsync(response, 9022, "permitNo");
        Assert.Equal(1, await CountPermitsAsync());
    }

    [Fact]
    public async Task Push_same_number_other_zone_creates()
    {
        await SetUpClientAsync();
        var first = await PushOkAsync(("permitNo", "L4-1138"));

        var second = await PushOkAsync(("permitNo", "L4-1138"), ("zone", "Lot 5"));

        Assert.NotEqual(first, second);
        Assert.Equal(2, await CountPermitsAsync());
    }

    [Fact]
    public async Task Push_permit_number_compared_case_sensitively()
    {
        await SetUpClientAsync();
        var first = await PushOkAsync(("permitNo", "L4-1138"));

        var second = await PushOkAsync(("permitNo", "l4-1138"), ("LicencePlate", "XYZ789"));

        Assert.NotEqual(first, second);
        Assert.Equal(2, await CountPermitsAsync());
    }

    [Fact]
    public async Task Push_permit_number_reusable_after_delete()
    {
        await SetUpClientAsync();
        var first = await PushOkAsync(("permitNo", "L4-1138"));
        await AssertSuccessAsync(await DeleteAsync(first));

        var second = await PushOkAsync(("permitNo", "L4-1138"), ("LicencePlate", "XYZ789"));

        Assert.NotEqual(first, second);
        Assert.Equal(2, await CountPermitsAsync());
    }

    [Fact]
    public async Task Push_without_permit_number_always_creates()
    {
        await SetUpClientAsync();
        var first = await PushOkAsync();

        var second = await PushOkAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(2, await CountPermitsAsync());
    }

    [Fact]
    public async Task Push_same_number_other_client_creates()
    {
        await SetUpClientAsync();
        var (_, otherToken) = await Host.AddClientAsync("OC-OTHER", zones: "Lot 4");
        var first = await PushOkAsync(("permitNo", "L4-1138"));

        var response = await SendAsync("push", PushBody(("apiToken", otherToken), ("permitNo", "L4-1138")), "OC-OTHER");

        Assert.NotEqual(first, await AssertSuccessAsync(response));
    }

    [Fact]
    public async Task Push_without_permission_returns_9002()
    {
        await SetUpClientAsync(permissions: Permissions.All & ~Permissions.PermitCreate);

        var response = await PushAsync();

        await AssertRejectedAsync(response, 9002, status: HttpStatusCode.Forbidden);
        Assert.Equal(0, await CountPermitsAsync());
    }
}

public sealed class SqlitePushTests(PostgresCluster cluster) : PushTests(Backend.Sqlite, cluster);

public sealed class PostgresPushTests(PostgresCluster cluster) : PushTests(Backend.Postgres, cluster);
