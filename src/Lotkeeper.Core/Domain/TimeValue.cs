using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.TimeZones;

namespace Lotkeeper.Domain;

/// <summary>
/// A start or end time as sent: a local date and time with an optional UTC offset. Which instant it names depends on
/// the time zone it is read in, so resolving is a separate step (<see cref="TryResolveIn"/>).
/// </summary>
/// <remarks>
/// Accepted forms are <c>yyyy-MM-ddTHH:mm:ss</c> and the same with a space for the <c>T</c>, optional fractional
/// seconds (1 to 9 digits, kept to the microsecond), and an optional <c>Z</c> or <c>±hh:mm</c> offset.
/// </remarks>
public readonly partial record struct TimeValue(LocalDateTime Local, Offset? Offset)
{
    /// <summary>Parses <paramref name="text"/>, returning false for any other form or an impossible date.</summary>
    public static bool TryParse(string text, out TimeValue value)
    {
        value = default;
        var match = Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        int Part(string name) => int.Parse(match.Groups[name].ValueSpan, CultureInfo.InvariantCulture);

        var (year, month, day) = (Part("year"), Part("month"), Part("day"));
        var (hour, minute, second) = (Part("hour"), Part("minute"), Part("second"));
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var local = new LocalDateTime(year, month, day, hour, minute, second);
        var fraction = match.Groups["fraction"];
        if (fraction.Success)
        {
            var microseconds = fraction.Value.PadRight(6, '0')[..6];
            local = local.PlusTicks(10L * int.Parse(microseconds, CultureInfo.InvariantCulture));
        }

        var zone = match.Groups["offset"];
        if (!zone.Success)
        {
            value = new TimeValue(local, null);
            return true;
        }

        if (zone.Value is "Z" or "z")
        {
            value = new TimeValue(local, NodaTime.Offset.Zero);
            return true;
        }

        var sign = zone.Value[0] == '-' ? -1 : 1;
        var offsetHours = int.Parse(zone.ValueSpan[1..3], CultureInfo.InvariantCulture);
        var offsetMinutes = int.Parse(zone.ValueSpan[4..6], CultureInfo.InvariantCulture);
        if (offsetHours > 18 || offsetMinutes > 59 || (offsetHours == 18 && offsetMinutes > 0))
        {
            return false;
        }

        value = new TimeValue(local, NodaTime.Offset.FromSeconds(sign * ((offsetHours * 3600) + (offsetMinutes * 60))));
        return true;
    }

    /// <summary>
    /// Resolves this value to a UTC instant. A value with an offset is absolute; one without is read as UTC when
    /// <paramref name="readAsUtc"/> is set, else as local time in <paramref name="zone"/>. A local time skipped by a
    /// clock change moves forward by the length of the gap, and one that occurs twice takes the first occurrence.
    /// Returns false when the instant falls outside 0001-01-01 to 9999-12-31 UTC, which an offset or time zone can
    /// cause at either end of that range.
    /// </summary>
    public bool TryResolveIn(DateTimeZone zone, bool readAsUtc, out DateTimeOffset instant)
    {
        var (local, offset) = (Local, Offset ?? NodaTime.Offset.Zero);
        if (Offset is null && !readAsUtc)
        {
            var zoned = zone.ResolveLocal(Local, Resolvers.LenientResolver);
            (local, offset) = (zoned.LocalDateTime, zoned.Offset);
        }

        // Subtracting in ticks rather than through NodaTime's Instant, which throws past the end of year 9999.
        var ticks = local.ToDateTimeUnspecified().Ticks - offset.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            instant = default;
            return false;
        }

        instant = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    // \z, not $: in .NET, $ also matches before a final line feed, which would accept "...08:00:00\n".
    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt ](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):"
        + @"(?<second>[0-9]{2})(?:\.(?<fraction>[0-9]{1,9}))?(?<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})?\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex Pattern();
}
