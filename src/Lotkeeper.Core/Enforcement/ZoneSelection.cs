namespace Lotkeeper.Enforcement;

/// <summary>The zones a lookup looks at: all of the client's, or the named ones that exist.</summary>
/// <param name="ZoneIds">Storage ids of the named zones that exist, or null for all zones.</param>
/// <param name="UnknownNames">Requested names that are no zone of the client; they match nothing.</param>
public sealed record ZoneSelection(IReadOnlySet<long>? ZoneIds, IReadOnlyList<string> UnknownNames)
{
    /// <summary>Every zone of the client.</summary>
    public static ZoneSelection All { get; } = new(null, []);

    /// <summary>True when zones were named and none of them exists, so nothing can match.</summary>
    public bool IsEmpty => ZoneIds is { Count: 0 };

    public bool Contains(long zoneId) => ZoneIds is null || ZoneIds.Contains(zoneId);
}
