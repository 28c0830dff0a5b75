using Lotkeeper.Domain;

namespace Lotkeeper.Storage;

/// <summary>A validated push, ready to store.</summary>
/// <param name="ZoneId">The zone's id, or null to create the zone named <paramref name="ZoneName"/> first.</param>
/// <param name="ZoneTimeZone">
/// The zone's own IANA time zone, or null when it uses the client's. Not used when the zone is created, because the
/// created zone takes the client's.
/// </param>
/// <param name="ZoneKey">Matching key of the zone name, used when the zone is created.</param>
public sealed record NewPermit(
    string ReferenceId,
    long ClientId,
    long? ZoneId,
    string ZoneName,
    string? ZoneTimeZone,
    string ZoneKey,
    Plate Plate,
    DateTimeOffset Start,
    DateTimeOffset End,
    long? AmountCents,
    string Currency,
    string? PermitNumber,
    PermitType Type,
    DateTimeOffset CreatedAt,
    string? TokenId);
