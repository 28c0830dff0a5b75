namespace Lotkeeper.Storage;

/// <summary>Number of active permits of one zone and stored type.</summary>
public sealed record StatsRow(string Zone, string ZoneKey, string Type, long Total);
