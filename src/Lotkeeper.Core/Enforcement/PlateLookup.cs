namespace Lotkeeper.Enforcement;

/// <summary>The result of a lookup: may this plate park here at this instant?</summary>
/// <param name="Plate">The plate as sent.</param>
/// <param name="NormalizedPlate">Null when <paramref name="Plate"/> is not a valid plate.</param>
/// <param name="Valid">
/// True only through an exact or normalised match of a permit that runs at <paramref name="At"/>.
/// </param>
/// <param name="Matches">Permits running at <paramref name="At"/>, strongest match first, then latest end.</param>
/// <param name="RecentlyExpired">
/// The exact or normalised match that stopped counting most recently within the client's recently expired window,
/// or null.
/// </param>
/// <param name="Explanation">The deciding rule in words, with the permit and local times it rests on.</param>
public sealed record PlateLookup(
    string Plate,
    string? NormalizedPlate,
    DateTimeOffset At,
    bool Valid,
    IReadOnlyList<PermitMatch> Matches,
    PermitMatch? RecentlyExpired,
    LookupRule Rule,
    string Explanation);
