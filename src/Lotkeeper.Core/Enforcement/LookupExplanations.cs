using System.Globalization;
using Lotkeeper.Domain;

namespace Lotkeeper.Enforcement;

/// <summary>The sentences that explain a lookup's decision to the officer or operator who reads it.</summary>
internal static class LookupExplanations
{
    public static string InvalidPlate(PlateParseStatus status) => status switch
    {
        PlateParseStatus.Blank => "Not valid: the plate is empty.",
        PlateParseStatus.TooLong =>
            $"Not valid: the plate is longer than {Plate.MaxNormalizedLength} characters after normalisation.",
        _ => "Not valid: a plate may contain only letters, digits, spaces, '-' and '.'.",
    };

    public static string NoKnownZone(IReadOnlyList<string> names) =>
        $"Not valid: the client has no zone named {Quote(names)}, so no permit can match.";

    public static string Valid(PermitMatch match) =>
        $"Valid: permit {match.Permit.ReferenceId} for {match.Permit.PlateRaw} in {match.Permit.ZoneName} "
        + $"matches the plate {MatchWords(match.Kind)} and runs from {Local(match.Permit.Start, match)} "
        + $"to {Local(match.Permit.End, match)} ({match.TimeZone.Id}).";

    public static string ValidInGrace(PermitMatch match, TimeSpan grace) =>
        $"Valid within the grace period: permit {match.Permit.ReferenceId} for {match.Permit.PlateRaw} in "
        + $"{match.Permit.ZoneName} ended at {Local(match.Permit.End, match)}, and the client's grace of "
        + $"{Duration(grace)} keeps it valid until {Local(match.ValidUntil, match)} ({match.TimeZone.Id}).";

    public static string RecentlyExpired(PermitMatch match, DateTimeOffset instant) =>
        $"Not valid: permit {match.Permit.ReferenceId} for {match.Permit.PlateRaw} in {match.Permit.ZoneName} "
        + $"expired at {Local(match.Permit.End, match)} ({match.TimeZone.Id}), "
        + $"{Duration(instant - match.Permit.End)} before the lookup.";

    public static string NotYetStarted(PermitMatch match) =>
        $"Not valid: permit {match.Permit.ReferenceId} for {match.Permit.PlateRaw} in {match.Permit.ZoneName} "
        + $"starts only at {Local(match.Permit.Start, match)} ({match.TimeZone.Id}).";

    public static string OcrEquivalentOnly(int count) =>
        "Not valid: no running permit matches the plate exactly or after normalisation. "
        + (count == 1 ? "One permit" : count.ToString(CultureInfo.InvariantCulture) + " permits")
        + " for plates that differ only in characters plate readers confuse (0/O/D/Q, 1/I, 2/Z, 5/S, 8/B) "
        + (count == 1 ? "is" : "are") + " listed for a person to check.";

    public static string NoPermit(ZoneSelection zones) =>
        zones.ZoneIds is null
            ? "Not valid: no live permit of this plate runs in any zone of the client."
            : "Not valid: no live permit of this plate runs in the requested zones.";

    private static string MatchWords(MatchKind kind) =>
        kind == MatchKind.Exact ? "exactly as sent" : "after normalisation";

    private static string Local(DateTimeOffset instant, PermitMatch match) =>
        TimeZones.FormatLocal(instant, match.TimeZone);

    private static string Quote(IReadOnlyList<string> names) =>
        string.Join(" or ", names.Select(name => "'" + name + "'"));

    private static string Duration(TimeSpan span)
    {
        if (span.TotalMinutes >= 1 && span.Ticks % TimeSpan.TicksPerMinute == 0)
        {
            var minutes = (long)span.TotalMinutes;
            return minutes.ToString(CultureInfo.InvariantCulture) + (minutes == 1 ? " minute" : " minutes");
        }

        var seconds = (long)span.TotalSeconds;
        return seconds.ToString(CultureInfo.InvariantCulture) + (seconds == 1 ? " second" : " seconds");
    }
}
