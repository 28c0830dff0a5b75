namespace Lotkeeper.Api;

/// <summary>
/// Request and response bodies of the native enforcement API, serialized with camelCase keys. Times are UTC ISO 8601
/// with <c>Z</c>; the <c>...Local</c> twins give the same instant in the zone's time zone for a person to read.
/// </summary>
internal static class EnforcementWire
{
    /// <summary>The result of one plate lookup.</summary>
    /// <param name="Plate">The plate as sent.</param>
    /// <param name="NormalizedPlate">Null when the plate is not a valid plate.</param>
    /// <param name="AtLocal">The lookup instant in the client's time zone.</param>
    public sealed record Validity(
        bool Valid,
        string Plate,
        string? NormalizedPlate,
        string At,
        string AtLocal,
        IReadOnlyList<MatchedPermit> Matches,
        MatchedPermit? RecentlyExpired,
        string Explanation);

    /// <summary>A permit found by a lookup.</summary>
    /// <param name="Plate">The stored plate as it was sent, so a person can compare an OCR-equivalent match.</param>
    /// <param name="Match"><c>exact</c>, <c>normalized</c> or <c>ocr-equivalent</c>.</param>
    public sealed record MatchedPermit(
        string ReferenceId,
        string? Plate,
        string Zone,
        string Type,
        string Start,
        string End,
        string StartLocal,
        string EndLocal,
        string TimeZone,
        string Match);

    /// <summary>A batch lookup: up to 1000 plates, in the same zones and at the same instant.</summary>
    /// <param name="Zones">Zone names; null or empty means every zone.</param>
    /// <param name="At">ISO 8601 instant with an offset or <c>Z</c>; null means now.</param>
    public sealed record BatchRequest(IReadOnlyList<string>? Plates, IReadOnlyList<string>? Zones, string? At);

    /// <summary>The lookups of a batch, in the order of the request's plates.</summary>
    public sealed record BatchResponse(string At, IReadOnlyList<Validity> Results);

    public sealed record ZoneList(IReadOnlyList<Zone> Zones);

    /// <summary>A zone and the time zone its local times are read in (its own, else the client's).</summary>
    public sealed record Zone(string Name, string TimeZone);

    /// <summary>One page of a zone's permit feed.</summary>
    /// <param name="NextToken">Pass it as <c>since</c> to read the next page; always present.</param>
    public sealed record PermitPage(string Zone, IReadOnlyList<Permit> Permits, string NextToken);

    /// <summary>A permit, live or deleted; a deleted one is a tombstone that feeds send so readers drop it.</summary>
    /// <param name="Plate">Null once retention removed it.</param>
    public sealed record Permit(
        string ReferenceId,
        string? Plate,
        string? NormalizedPlate,
        string Zone,
        string Type,
        string Start,
        string End,
        string StartLocal,
        string EndLocal,
        string TimeZone,
        string? PermitNumber,
        string? Amount,
        string Currency,
        bool Deleted,
        string? DeletedAt,
        string CreatedAt,
        string UpdatedAt);

    /// <summary>A permit's events, oldest first.</summary>
    public sealed record History(string ReferenceId, IReadOnlyList<Event> Events);

    /// <summary>One event: <c>created</c>, <c>updated</c> or <c>deleted</c>, with the fields it changed.</summary>
    /// <param name="TokenId">Public id of the token that made the change, or null for an administrator.</param>
    public sealed record Event(string Kind, string At, string AtLocal, string? TokenId, IReadOnlyList<Change> Changes);

    /// <summary>One field's value before and after, as text; null means none.</summary>
    public sealed record Change(string Field, string? Old, string? New);
}
