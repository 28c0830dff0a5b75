using Lotkeeper.Storage;
using NodaTime;

namespace Lotkeeper.Enforcement;

/// <summary>A permit found by a lookup, with how its plate matched and the time zone its times are shown in.</summary>
/// <param name="TimeZone">The zone's own time zone, else the client's.</param>
/// <param name="ValidUntil">The permit's end plus the client's grace: the first instant it no longer counts.</param>
public sealed record PermitMatch(PermitRecord Permit, MatchKind Kind, DateTimeZone TimeZone, DateTimeOffset ValidUntil)
{
    /// <summary>True for exact and normalised matches, the only ones that can make a plate valid.</summary>
    public bool IsStrong => Kind != MatchKind.OcrEquivalent;
}
