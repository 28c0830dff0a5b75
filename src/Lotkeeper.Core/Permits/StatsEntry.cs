namespace Lotkeeper.Permits;

/// <summary>One row of the stats response: active permits of one zone and reported type.</summary>
/// <param name="Type"><c>standard</c> or <c>temp</c>; validator permits count as <c>temp</c>.</param>
public sealed record StatsEntry(string Zone, string Type, long Total);
