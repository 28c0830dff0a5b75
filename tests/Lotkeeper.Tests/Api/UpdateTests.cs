using System.Net;
using Lotkeeper.Domain;
using Lotkeeper.Storage;
using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

public abstract class UpdateTests(Backend backend, PostgresCluster cluster) : PermitsApiTestBase(backend, cluster)
{
    [Fact]
    public async Task Update_documented_example_returns_success()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(
            ("startTime", "2018-07-02T09:00:00"), ("endTime", "2018-07-02T09:15:00"), ("LicencePlate", "PL8RDR"));

        var response = await SendAsync(
            "update",
            $$"""{"apiToken":"{{Token}}","referenceID":"{{referenceId}}","plate":"PL8RDR","Amount":"14.50","currency":"CAD","endTime":"2018-07-02T09:30:00"}""");

        Assert.Equal(referenceId, await AssertSuccessAsync(response));
        var body = await ReadJsonAsync(response);
        Assert.Equal("2018-07-02T09:00:00Z", body.GetProperty("startTimeUtc").GetString());
        Assert.Equal("2018-07-02T09:30:00Z", body.GetProperty("endTimeUtc").GetString());
    }

    [Fact]
    public async Task Update_changes_plate_end_amount_currency()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("Amount", "14.50"), ("permitNo", "L4-1"));

        var response = await UpdateAsync(
            referenceId,
            ("plate", "xyz 789"),
            ("endTime", "2026-06-15T20:00:00"),
            ("Amount", "20.00"),
            ("currency", "usd"));

        await AssertSuccessAsync(response);
        var permit = await FindPermitAsync(referenceId);
        Assert.Equal("xyz 789", permit.PlateRaw);
        Assert.Equal("XYZ789", permit.PlateNormalized);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 20, 0, 0, TimeSpan.Zero), permit.End);
        Assert.Equal(2000, permit.AmountCents);
        Assert.Equal("USD", permit.Currency);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero), permit.Start);
        Assert.Equal("L4-1", permit.PermitNumber);
    }

    [Fact]
    public async Task Update_keeps_attributes_not_sent()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("Amount", "14.50"), ("CurrencyID", "EUR"));

        await AssertSuccessAsync(await UpdateAsync(referenceId, ("Amount", "15.00")));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal("ABC123", permit.PlateRaw);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 18, 0, 0, TimeSpan.Zero), permit.End);
        Assert.Equal(1500, permit.AmountCents);
        Assert.Equal("EUR", permit.Currency);
    }

    [Fact]
    public async Task Update_records_old_and_new_values()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("Amount", "14.50"));
        var (token, secret) = await Host.IssueTokenAsync(Client.Id, Permissions.PermitUpdate);
        Host.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await UpdateAsync(
            referenceId,
            ("apiToken", secret),
            ("plate", "XYZ789"),
            ("endTime", "2026-06-15T20:00:00"),
            ("Amount", "15.00"),
            ("currency", "USD"));

        await AssertSuccessAsync(response);
        var events = await ListEventsAsync(referenceId);
        Assert.Equal(2, events.Count);
        var updated = events[1];
        Assert.Equal(PermitEventKind.Updated, updated.Kind);
        Assert.Equal(token.Id, updated.TokenId);
        Assert.Equal(LotkeeperHost.DefaultNow.AddMinutes(5), updated.At);
        Assert.Equal(
            [
                new FieldChange("plate", "ABC123", "XYZ789"),
                new FieldChange("end", "2026-06-15T18:00:00Z", "2026-06-15T20:00:00Z"),
                new FieldChange("amount", "14.50", "15.00"),
                new FieldChange("currency", "CAD", "USD"),
            ],
            updated.Changes);
    }

    [Fact]
    public async Task Update_records_only_changed_fields()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("Amount", "14.50"));

        await AssertSuccessAsync(await UpdateAsync(referenceId, ("Amount", "14.50"), ("currency", "USD")));

        var updated = (await ListEventsAsync(referenceId))[1];
        Assert.Equal([new FieldChange("currency", "CAD", "USD")], updated.Changes);
    }

    [Fact]
    public async Task Update_changing_nothing_records_no_event()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("Amount", "14.50"));
        var before = await FindPermitAsync(referenceId);

        var response = await UpdateAsync(
            referenceId,
            ("plate", "ABC123"),
            ("endTime", DefaultEnd),
            ("Amount", 14.5),
            ("currency", "cad"));

        Assert.Equal(referenceId, await AssertSuccessAsync(response));
        Assert.Single(await ListEventsAsync(referenceId));
        Assert.Equal(before, await FindPermitAsync(referenceId));
    }

    [Fact]
    public async Task Update_with_no_attributes_succeeds()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        var response = await UpdateAsync(referenceId);

        Assert.Equal(referenceId, await AssertSuccessAsync(response));
        Assert.Single(await ListEventsAsync(referenceId));
    }

    /// <summary>Rejected updates: the key and its JSON value, the error code and the <c>Field</c>.</summary>
    public static TheoryData<string, string, int, string> RejectedValues => new()
    {
        { "plate", "\"\"", 9033, "LicencePlate" },
        { "plate", "\"   \"", 9033, "LicencePlate" },
        { "plate", "\"ABCDEFGHIJKLMNOPQRSTUVWXYZ\"", 9030, "LicencePlate" },
        { "plate", "\"ABC$123\"", 9033, "LicencePlate" },
        { "plate", "\"ABC\\u202e123\"", 9033, "LicencePlate" },
        { "plate", "7", 9033, "LicencePlate" },
        { "endTime", "\"2026-02-30T18:00:00\"", 9005, "endTime" },
        { "endTime", "\"tomorrow\"", 9005, "endTime" },
        { "endTime", "\"\"", 9005, "endTime" },
        { "endTime", "20260615", 9005, "endTime" },
        { "endTime", "\"2026-06-15T08:00:00\"", 9005, "endTime" },
        { "endTime", "\"2026-06-15T07:00:00\"", 9005, "endTime" },
        { "Amount", "\"14.5\"", 9033, "Amount" },
        { "Amount", "\"0.00\"", 9033, "Amount" },
        { "Amount", "14.505", 9033, "Amount" },
        { "Amount", "[]", 9033, "Amount" },
        { "currency", "\"XXXX\"", 9033, "CurrencyID" },
        { "currency", "\"ABC\"", 9033, "CurrencyID" },
        { "currency", "{}", 9033, "CurrencyID" },
    };

    [Theory]
    [MemberData(nameof(RejectedValues))]
    public async Task Update_invalid_attribute_is_rejected(string key, string json, int code, string field)
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("Amount", "14.50"));
        var before = await FindPermitAsync(referenceId);

        var response = await UpdateAsync(referenceId, (key, Raw(json)));

        await AssertRejectedAsync(response, code, field);
        Assert.Equal(before, await FindPermitAsync(referenceId));
        Assert.Single(await ListEventsAsync(referenceId));
    }

    /// <summary>Attributes an update ignores, with values that a push would reject.</summary>
    public static TheoryData<string, string> IgnoredValues => new()
    {
        { "zone", "\"No such zone\"" },
        { "zone", "42" },
        { "startTime", "\"2026-02-30T08:00:00\"" },
        { "startTime", "\"2026-06-15T19:00:00\"" },
        { "StartDateUtc", "true" },
        { "permitNo", "\"" + new string('N', 60) + "\"" },
        { "permitNumber", "\"L4-9999\"" },
        { "permitType", "\"weekly\"" },
        { "type", "\"standard\"" },
    };

    [Theory]
    [MemberData(nameof(IgnoredValues))]
    public async Task Update_ignores_push_only_attributes(string key, string json)
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("permitNo", "L4-1"));
        var before = await FindPermitAsync(referenceId);

        var response = await UpdateAsync(referenceId, (key, Raw(json)));

        await AssertSuccessAsync(response);
        Assert.Equal(before, await FindPermitAsync(referenceId));
    }

    [Fact]
    public async Task Update_end_before_stored_start_returns_9005()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync(("startTime", "2026-06-15T10:00:00"));

        var response = await UpdateAsync(referenceId, ("endTime", "2026-06-15T09:00:00"));

        await AssertRejectedAsync(response, 9005, "endTime");
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 18, 0, 0, TimeSpan.Zero), (await FindPermitAsync(referenceId)).End);
    }

    [Fact]
    public async Task Update_end_into_past_is_allowed()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        var response = await UpdateAsync(referenceId, ("endTime", "2026-06-15T08:00:01"));

        await AssertSuccessAsync(response);
        Assert.Equal(
            new DateTimeOffset(2026, 6, 15, 8, 0, 1, TimeSpan.Zero), (await FindPermitAsync(referenceId)).End);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"\"")]
    [InlineData("\"   \"")]
    public async Task Update_without_reference_returns_9008(string? json)
    {
        await SetUpClientAsync();
        await PushOkAsync();

        var response = await SendAsync(
            "update", UpdateBody("x", ("referenceID", json is null ? Omit : Raw(json)), ("plate", "XYZ789")));

        await AssertRejectedAsync(response, 9008, "referenceID");
    }

    [Theory]
    [InlineData("\"0197f000-0000-7000-8000-000000000000\"")]
    [InlineData("\"not a reference!\"")]
    [InlineData("\"" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" + "\"")]
    [InlineData("\"'; DROP TABLE permits; --\"")]
    [InlineData("12345")]
    [InlineData("true")]
    [InlineData("[\"0197f000-0000-7000-8000-000000000000\"]")]
    public async Task Update_unknown_or_malformed_reference_returns_9009(string json)
    {
        await SetUpClientAsync();
        await PushOkAsync();

        var response = await SendAsync("update", UpdateBody("x", ("referenceID", Raw(json)), ("plate", "XYZ789")));

        await AssertRejectedAsync(response, 9009, status: HttpStatusCode.NotFound);
        Assert.Equal(1, await CountPermitsAsync());
    }

    [Fact]
    public async Task Update_reference_matched_ignoring_case()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();

        var response = await UpdateAsync(referenceId.ToUpperInvariant(), ("plate", "XYZ789"));

        Assert.Equal(referenceId, await AssertSuccessAsync(response));
        Assert.Equal("XYZ789", (await FindPermitAsync(referenceId)).PlateRaw);
    }

    [Fact]
    public async Task Update_permit_of_other_client_returns_9009()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();
        var (_, otherToken) = await Host.AddClientAsync("OC-OTHER", zones: "Lot 4");

        var response = await SendAsync(
            "update", UpdateBody(referenceId, ("apiToken", otherToken), ("plate", "XYZ789")), "OC-OTHER");

        await AssertRejectedAsync(response, 9009);
        Assert.Equal("ABC123", (await FindPermitAsync(referenceId)).PlateRaw);
    }

    [Fact]
    public async Task Update_after_delete_returns_9009()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();
        await AssertSuccessAsync(await DeleteAsync(referenceId));

        var response = await UpdateAsync(referenceId, ("plate", "XYZ789"));

        await AssertRejectedAsync(response, 9009);
        Assert.Equal("ABC123", (await FindPermitAsync(referenceId)).PlateRaw);
        Assert.Equal(2, (await ListEventsAsync(referenceId)).Count);
    }

    [Fact]
    public async Task Update_end_read_in_permit_zone_time_zone()
    {
        await SetUpClientAsync(timeZone: "America/Toronto");
        await Host.Admin.AddZoneAsync(Client.Id, "Vancouver Lot", "America/Vancouver", Host.Clock.GetUtcNow(), default);
        var referenceId = await PushOkAsync(("zone", "Vancouver Lot"));

        var response = await UpdateAsync(referenceId, ("endTime", "2026-06-15T20:00:00"));

        await AssertSuccessAsync(response);
        Assert.Equal("2026-06-16T03:00:00Z", (await ReadJsonAsync(response)).GetProperty("endTimeUtc").GetString());
    }

    [Fact]
    public async Task Update_without_permission_returns_9002()
    {
        await SetUpClientAsync();
        var referenceId = await PushOkAsync();
        var (_, secret) = await Host.IssueTokenAsync(Client.Id, Permissions.All & ~Permissions.PermitUpdate);

        var response = await UpdateAsync(referenceId, ("apiToken", secret), ("plate", "XYZ789"));

        await AssertRejectedAsync(response, 9002);
        Assert.Equal("ABC123", (await FindPermitAsync(referenceId)).PlateRaw);
    }
}

public sealed class SqliteUpdateTests(PostgresCluster cluster) : UpdateTests(Backend.Sqlite, cluster);

public sealed class PostgresUpdateTests(PostgresCluster cluster) : UpdateTests(Backend.Postgres, cluster);
