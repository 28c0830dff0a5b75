using NodaTime;

namespace Lotkeeper.Domain;

/// <summary>IANA time zones from the tz database that ships inside NodaTime, so results do not depend on the host.</summary>
public static class TimeZones
{
    /// <summary>Returns the zone named <paramref name="id"/> (an IANA id such as <c>America/Toronto</c>), or null.</summary>
    public static DateTimeZone? Find(string? id) =>
        string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());

    /// <summary>Returns the zone named <paramref name="id"/>, falling back to UTC for an id that is not known.</summary>
    public static DateTimeZone FindOrUtc(string? id) => Find(id) ?? DateTimeZone.Utc;

    /// <summary>Formats <paramref name="instant"/> as local <c>yyyy-MM-dd HH:mm:ss</c> in <paramref name="zone"/>.</summary>
    public static string FormatLocal(DateTimeOffset instant, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime
            .ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
}
