using Lotkeeper.Tests.Infrastructure;

namespace Lotkeeper.Tests.Api;

/// <summary>How start and end times are read: forms, offsets, UTC keys, time zones and clock changes.</summary>
public abstract class TimeZoneTests(Backend backend, PostgresCluster cluster) : PermitsApiTestBase(backend, cluster)
{
    [Theory]
    [InlineData("UTC", "2026-06-15T08:00:00", "2026-06-15T08:00:00Z")]
    [InlineData("America/Toronto", "2026-06-15T08:00:00", "2026-06-15T12:00:00Z")]
    [InlineData("America/Toronto", "2026-01-15T08:00:00", "2026-01-15T13:00:00Z")]
    [InlineData("America/Toronto", "2026-03-08T02:30:00", "2026-03-08T07:30:00Z")]
    [InlineData("America/Toronto", "2026-03-08T01:59:59", "2026-03-08T06:59:59Z")]
    [InlineData("America/Toronto", "2026-03-08T03:00:00", "2026-03-08T07:00:00Z")]
    [InlineData("America/Toronto", "2026-11-01T01:30:00", "2026-11-01T05:30:00Z")]
    [InlineData("America/Toronto", "2026-11-01T02:00:00", "2026-11-01T07:00:00Z")]
    [InlineData("Asia/Kolkata", "2026-06-15T08:00:00", "2026-06-15T02:30:00Z")]
    [InlineData("Australia/Lord_Howe", "2026-10-04T02:15:00", "2026-10-03T15:45:00Z")]
    public async Task Local_start_read_in_client_time_zone(string timeZone, string sent, string expected)
    {
        await SetUpClientAsync(timeZone: timeZone);

        var response = await PushAsync(("startTime", sent), ("endTime", "2026-12-31T00:00:00"));

        await AssertSuccessAsync(response);
        Assert.Equal(expected, (await ReadJsonAsync(response)).GetProperty("startTimeUtc").GetString());
    }

    [Fact]
    public async Task Skipped_local_end_moves_forward()
    {
        await SetUpClientAsync(timeZone: "America/Toronto");

        var referenceId = await PushOkAsync(("startTime", "2026-03-08T01:00:00"), ("endTime", "2026-03-08T02:30:00"));

        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 30, 0, TimeSpan.Zero), (await FindPermitAsync(referenceId)).End);
    }

    [Fact]
    public async Task Zone_time_zone_overrides_client()
    {
        await SetUpClientAsync(timeZone: "America/Toronto");
        await Host.Admin.AddZoneAsync(Client.Id, "Vancouver Lot", "America/Vancouver", Host.Clock.GetUtcNow(), default);

        var response = await PushAsync(("zone", "vancouver lot"));

        var body = await ReadJsonAsync(response);
        Assert.Equal("2026-06-15T15:00:00Z", body.GetProperty("startTimeUtc").GetString());
        Assert.Equal("2026-06-16T01:00:00Z", body.GetProperty("endTimeUtc").GetString());
    }

    [Fact]
    public async Task Auto_created_zone_uses_client_time_zone()
    {
        await SetUpClientAsync(Lotkeeper.Domain.ZonePolicy.AutoCreate, "America/Toronto");

        var response = await PushAsync(("zone", "New Lot"));

        Assert.Equal("2026-06-15T12:00:00Z", (await ReadJsonAsync(response)).GetProperty("startTimeUtc").GetString());
    }

    [Theory]
    [InlineData("StartDateUtc", "2026-06-15T08:00:00", "2026-06-15T08:00:00Z")]
    [InlineData("startdateutc", "2026-06-15T08:00:00", "2026-06-15T08:00:00Z")]
    [InlineData("StartDateUtc", "2026-06-15T08:00:00+02:00", "2026-06-15T06:00:00Z")]
    [InlineData("StartDateUtc", "2026-03-08T02:30:00", "2026-03-08T02:30:00Z")]
    [InlineData("startTime", "2026-06-15T08:00:00Z", "2026-06-15T08:00:00Z")]
    [InlineData("startTime", "2026-06-15T08:00:00z", "2026-06-15T08:00:00Z")]
    [InlineData("startTime", "2026-06-15T08:00:00-04:00", "2026-06-15T12:00:00Z")]
    [InlineData("startTime", "2026-06-15T08:00:00+05:30", "2026-06-15T02:30:00Z")]
    [InlineData("startTime", "2026-06-15T08:00:00+00:00", "2026-06-15T08:00:00Z")]
    [InlineData("startTime", "2026-06-15T08:00:00-00:00", "2026-06-15T08:00:00Z")]
    [InlineData("startTime", "2026-06-15T08:00:00+14:00", "2026-06-14T18:00:00Z")]
    [InlineData("startTime", "2026-06-15 08:00:00", "2026-06-15T12:00:00Z")]
    [InlineData("startTime", "2026-06-15t08:00:00", "2026-06-15T12:00:00Z")]
    [InlineData("startTime", "2026-06-15 08:00:00Z", "2026-06-15T08:00:00Z")]
    [InlineData("startTime", "2026-06-15T08:00:00.5", "2026-06-15T12:00:00.5Z")]
    [InlineData("startTime", "2026-06-15T08:00:00.000001", "2026-06-15T12:00:00.000001Z")]
    [InlineData("startTime", "2026-06-15T08:00:00.123456789", "2026-06-15T12:00:00.123456Z")]
    [InlineData("startTime", "2026-06-15T08:00:00.250-04:00", "2026-06-15T12:00:00.25Z")]
    public async Task Start_forms_resolve_to_instants(string key, string sent, string expected)
    {
        await SetUpClientAsync(timeZone: "America/Toronto");

        var response = await PushAsync(("startTime", Omit), (key, sent), ("endTime", "2026-12-31T00:00:00"));

        await AssertSuccessAsync(response);
        Assert.Equal(expected, (await ReadJsonAsync(response)).GetProperty("startTimeUtc").GetString());
    }

    [Fact]
    public async Task End_date_utc_key_read_as_utc()
    {
        await SetUpClientAsync(timeZone: "America/Toronto");

        var response = await PushAsync(("endTime", Omit), ("EndDateUtc", "2026-06-15T18:00:00"));

        Assert.Equal("2026-06-15T18:00:00Z", (await ReadJsonAsync(response)).GetProperty("endTimeUtc").GetString());
    }

    [Fact]
    public async Task Update_end_date_utc_key_read_as_utc()
    {
        await SetUpClientAsync(timeZone: "America/Toronto");
        var referenceId = await PushOkAsync();

        var response = await UpdateAsync(referenceId, ("EndDateUtc", "2026-06-15T23:00:00"));

        Assert.Equal("2026-06-15T23:00:00Z", (await ReadJsonAsync(response)).GetProperty("endTimeUtc").GetString());
    }

    [Fact]
    public async Task Fractional_seconds_stored_to_microsecond()
    {
        await SetUpClientAsync();

        var referenceId = await PushOkAsync(
            ("startTime", "2026-06-15T08:00:00.1234567"), ("endTime", "2026-06-15T18:00:00.9999999"));

        var permit = await FindPermitAsync(referenceId);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), permit.Start);
        Assert.Equal(new DateTimeOffset(2026, 6, 15, 18, 0, 0, TimeSpan.Zero).AddTicks(9_999_990), permit.End);
    }

    [Theory]
    [InlineData("startTime", "2026-02-30T08:00:00", 9007)]
    [InlineData("startTime", "2025-02-29T08:00:00", 9007)]
    [InlineData("startTime", "2026-13-01T08:00:00", 9007)]
    [InlineData("startTime", "2026-00-10T08:00:00", 9007)]
    [InlineData("startTime", "2026-06-00T08:00:00", 9007)]
    [InlineData("startTime", "2026-06-15T23:59:60", 9007)]
    [InlineData("startTime", "2026-06-15T08:60:00", 9007)]
    [InlineData("startTime", "0000-06-15T08:00:00", 9007)]
    [InlineData("startTime", "2026-06-15T08:00:00.", 9007)]
    [InlineData("startTime", "2026-06-15T08:00:00.1234567890", 9007)]
    [InlineData("startTime", "2026-06-15T08:00:00+0400", 9007)]
    [InlineData("startTime", "2026-06-15T08:00:00+04", 9007)]
    [InlineData("startTime", "2026-06-15T08:00:00+04:60", 9007)]
    [InlineData("startTime", "2026-06-15T08:00:00 ", 9007)]
    [InlineData("startTime", " 2026-06-15T08:00:00", 9007)]
    [InlineData("startTime", "2026-06-15T08:00:00\n", 9007)]
    [InlineData("startTime", "2026-6-15T08:00:00", 9007)]
    [InlineData("startTime", "+2026-06-15T08:00:00", 9007)]
    [InlineData("startTime", "２０２６-06-15T08:00:00", 9007)]
    [InlineData("startTime", "0001-01-01T00:00:00+01:00", 9007)]
    [InlineData("endTime", "2026-02-30T18:00:00", 9005)]
    [InlineData("endTime", "2026-06-31T18:00:00", 9005)]
    [InlineData("endTime", "9999-12-31T23:59:59-01:00", 9005)]
    public async Task Invalid_times_rejected(string key, string sent, int code)
    {
        await SetUpClientAsync();

        var response = await PushAsync((key, sent));

        await AssertRejectedAsync(response, code, key);
        Assert.Equal(0, await CountPermitsAsync());
    }

    [Fact]
    public async Task Local_time_before_year_one_rejected()
    {
        await SetUpClientAsync(timeZone: "Asia/Tokyo");

        var response = await PushAsync(("startTime", "0001-01-01T00:00:00"));

        await AssertRejectedAsync(response, 9007, "startTime");
    }

    [Fact]
    public async Task Update_end_past_year_9999_rejected()
    {
        await SetUpClientAsync(timeZone: "America/Toronto");
        var referenceId = await PushOkAsync();

        var response = await UpdateAsync(referenceId, ("endTime", "9999-12-31T23:00:00"));

        await AssertRejectedAsync(response, 9005, "endTime");
    }

    [Theory]
    [InlineData("2028-02-29T08:00:00")]
    [InlineData("2000-02-29T08:00:00")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1970-01-01T00:00:00")]
    public async Task Edge_dates_accepted(string sent)
    {
        await SetUpClientAsync();

        var response = await PushAsync(("startTime", sent), ("endTime", "9999-12-31T23:59:59"));

        await AssertSuccessAsync(response);
    }

    [Fact]
    public async Task Default_start_is_time_received()
    {
        await SetUpClientAsync(timeZone: "America/Toronto");
        Host.Clock.Advance(TimeSpan.FromMinutes(7));

        var response = await PushAsync(("startTime", Omit));

        Assert.Equal("2026-06-15T12:07:00Z", (await ReadJsonAsync(response)).GetProperty("startTimeUtc").GetString());
    }

    [Fact]
    public async Task End_before_default_start_returns_9005()
    {
        await SetUpClientAsync();

        var response = await PushAsync(("startTime", Omit), ("endTime", "2026-06-15T12:00:00"));

        await AssertRejectedAsync(response, 9005, "endTime");
    }
}

public sealed class SqliteTimeZoneTests(PostgresCluster cluster) : TimeZoneTests(Backend.Sqlite, cluster);

public sealed class PostgresTimeZoneTests(PostgresCluster cluster) : TimeZoneTests(Backend.Postgres, cluster);
