using Lotkeeper.Domain;

namespace Lotkeeper.Storage;

/// <summary>A stored permit, live or deleted.</summary>
/// <param name="Id">Storage key; events refer to it.</param>
/// <param name="ReferenceId">Lower-case UUID sent to callers.</param>
/// <param name="ZoneTimeZone">The zone's own IANA time zone, or null when it uses the client's.</param>
/// <param name="PlateRaw">The plate as sent, or null once retention removed it.</param>
/// <param name="PlateNormalized">The normalised plate, or null once retention removed it.</param>
/// <param name="Version">Incremented by every change, so concurrent writers can detect each other.</param>
public sealed record PermitRecord(
    long Id,
    string ReferenceId,
    long ClientId,
    long ZoneId,
    string ZoneName,
    string? ZoneTimeZone,
    string? PlateRaw,
    string? PlateNormalized,
    DateTimeOffset Start,
    DateTimeOffset End,
    long? AmountCents,
    string Currency,
    string? PermitNumber,
    PermitType Type,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? DeletedAt,
    int Version);
