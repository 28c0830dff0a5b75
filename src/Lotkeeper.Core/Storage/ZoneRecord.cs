namespace Lotkeeper.Storage;

/// <summary>A named parking area of one client.</summary>
/// <param name="Name">Display name: trimmed, with inner white space collapsed.</param>
/// <param name="TimeZone">IANA id that overrides the client's time zone, or null.</param>
public sealed record ZoneRecord(long Id, long ClientId, string Name, string? TimeZone, DateTimeOffset CreatedAt);
