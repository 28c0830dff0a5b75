using System.Globalization;
using NodaTime;

namespace Lotkeeper.Api;

/// <summary>Instants as the enforcement APIs send them.</summary>
internal static class WireTimes
{
    /// <summary>Formats UTC ISO 8601 with a <c>Z</c>, to the second, such as <c>2026-06-15T13:30:00Z</c>.</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Formats local ISO 8601 time in <paramref name="zone"/> with its UTC offset, such as
    /// <c>2026-06-15T09:30:00-04:00</c>, for a person to read.
    /// </summary>
    public static string Local(DateTimeOffset instant, DateTimeZone zone) =>
        Instant.FromDateTimeOffset(instant).InZone(zone).ToDateTimeOffset()
            .ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an instant given with an offset or <c>Z</c> (ISO 8601); returns null for text without one, because a
    /// local time would be ambiguous across zones.
    /// </summary>
    public static DateTimeOffset? ParseInstant(string text)
    {
        var trimmed = text.Trim();
        var hasOffset = trimmed.EndsWith('Z') || trimmed.EndsWith('z')
            || (trimmed.Length > 6 && trimmed[^6] is '+' or '-' && trimmed[^3] == ':');
        if (!hasOffset)
        {
            return null;
        }

        return DateTimeOffset.TryParse(
            trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var instant)
            ? instant.ToUniversalTime()
            : null;
    }
}
