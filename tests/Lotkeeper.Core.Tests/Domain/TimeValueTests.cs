using Lotkeeper.Domain;
using NodaTime;

namespace Lotkeeper.Tests.Domain;

public sealed class TimeValueTests
{
    private static readonly DateTimeZone Toronto = DateTimeZoneProviders.Tzdb["America/Toronto"];

    [Theory]
    [InlineData("2026-06-15T08:00:00", "2026-06-15T12:00:00Z")]
    [InlineData("2026-06-15 08:00:00", "2026-06-15T12:00:00Z")]
    [InlineData("2026-06-15t08:00:00", "2026-06-15T12:00:00Z")]
    [InlineData("2026-06-15T08:00:00Z", "2026-06-15T08:00:00Z")]
    [InlineData("2026-06-15T08:00:00z", "2026-06-15T08:00:00Z")]
    [InlineData("2026-06-15T08:00:00+02:00", "2026-06-15T06:00:00Z")]
    [InlineData("2026-06-15T08:00:00-18:00", "2026-06-16T02:00:00Z")]
    [InlineData("2026-06-15T08:00:00.5", "2026-06-15T12:00:00.5000000Z")]
    [InlineData("2026-06-15T08:00:00.1234567", "2026-06-15T12:00:00.1234560Z")]
    [InlineData("2026-06-15T08:00:00.123456789Z", "2026-06-15T08:00:00.1234560Z")]
    [InlineData("2026-03-08T02:30:00", "2026-03-08T07:30:00Z")]
    [InlineData("2026-11-01T01:30:00", "2026-11-01T05:30:00Z")]
    [InlineData("2028-02-29T00:00:00", "2028-02-29T05:00:00Z")]
    public void Valid_time_resolves_in_toronto(string text, string expected)
    {
        var parsed = TimeValue.TryParse(text, out var value);
        var resolved = value.TryResolveIn(Toronto, readAsUtc: false, out var instant);

        Assert.True(parsed);
        Assert.True(resolved);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData("2026-06-15T08:00:00", "2026-06-15T08:00:00Z")]
    [InlineData("2026-06-15T08:00:00-04:00", "2026-06-15T12:00:00Z")]
    public void Utc_key_reads_local_time_as_utc(string text, string expected)
    {
        TimeValue.TryParse(text, out var value);

        var resolved = value.TryResolveIn(Toronto, readAsUtc: true, out var instant);

        Assert.True(resolved);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), instant);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-02-30T08:00:00")]
    [InlineData("2025-02-29T08:00:00")]
    [InlineData("2026-04-31T08:00:00")]
    [InlineData("2026-13-01T08:00:00")]
    [InlineData("0000-01-01T00:00:00")]
    [InlineData("2026-06-15T24:00:00")]
    [InlineData("2026-06-15T23:60:00")]
    [InlineData("2026-06-15T23:59:60")]
    [InlineData("2026-06-15T08:00")]
    [InlineData("2026-06-15")]
    [InlineData("2026-06-15T08:00:00.")]
    [InlineData("2026-06-15T08:00:00.1234567890")]
    [InlineData("2026-06-15T08:00:00+18:01")]
    [InlineData("2026-06-15T08:00:00+19:00")]
    [InlineData("2026-06-15T08:00:00+04:60")]
    [InlineData("2026-06-15T08:00:00+0400")]
    [InlineData("2026-06-15T08:00:00\n")]
    [InlineData(" 2026-06-15T08:00:00")]
    [InlineData("2026-06-15T08:00:00 ")]
    [InlineData("2026-06-15T08:00:00 Z")]
    [InlineData("20260615T080000")]
    [InlineData("٢٠٢٦-06-15T08:00:00")]
    public void Invalid_time_is_rejected(string text)
    {
        Assert.False(TimeValue.TryParse(text, out _));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00+00:01")]
    [InlineData("9999-12-31T23:59:59-00:01")]
    public void Instant_outside_range_is_rejected(string text)
    {
        TimeValue.TryParse(text, out var value);

        Assert.False(value.TryResolveIn(DateTimeZone.Utc, readAsUtc: false, out _));
    }

    [Fact]
    public void Zoned_time_past_9999_is_rejected()
    {
        TimeValue.TryParse("9999-12-31T23:00:00", out var value);

        Assert.False(value.TryResolveIn(Toronto, readAsUtc: false, out _));
    }

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59.999999Z")]
    public void Range_ends_are_accepted(string text)
    {
        TimeValue.TryParse(text, out var value);

        Assert.True(value.TryResolveIn(DateTimeZone.Utc, readAsUtc: false, out _));
    }
}
