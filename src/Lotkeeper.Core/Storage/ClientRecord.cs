using Lotkeeper.Domain;

namespace Lotkeeper.Storage;

/// <summary>A tenant: one parking operator.</summary>
/// <param name="Code">The client code as first registered, such as <c>OC-TOMA</c>.</param>
/// <param name="TimeZone">IANA id that local times are read in unless the zone has its own.</param>
/// <param name="Currency">ISO 4217 code used when a push names none.</param>
/// <param name="Grace">Time after a permit's end during which lookups still count it as valid.</param>
/// <param name="RecentlyExpiredWindow">Time after a permit's end during which lookups report it as recently expired.</param>
public sealed record ClientRecord(
    long Id,
    string Code,
    string Name,
    string TimeZone,
    string Currency,
    ZonePolicy ZonePolicy,
    TimeSpan Grace,
    TimeSpan RecentlyExpiredWindow,
    DateTimeOffset CreatedAt);
