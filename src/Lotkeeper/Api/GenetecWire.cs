using System.Globalization;
using Lotkeeper.Storage;

namespace Lotkeeper.Api;

/// <summary>
/// Every body of the Genetec AutoVu Pay-by-Plate Sync provider protocol, with PascalCase keys. The shapes that the
/// published protocol pages leave open are chosen here and nowhere else (docs/genetec.md explains them): a zone is
/// <c>{"ZoneId","Name"}</c> with the zone's storage id as a decimal string, <c>zones</c> returns a bare array, and
/// <c>isvalid</c> returns <c>{"IsValid": true}</c>.
/// </summary>
internal static class GenetecWire
{
    /// <summary>A zone as Security Center lists it.</summary>
    public sealed record Zone(string ZoneId, string Name);

    /// <summary>One page of a zone's permits.</summary>
    /// <param name="ContinuationToken">Pass it back to get the permits changed since this page.</param>
    public sealed record PermitPage(string ContinuationToken, IReadOnlyList<Permit> Permits);

    /// <summary>A permit as plate readers load it.</summary>
    /// <param name="PlateState">Province or state; empty, because pushes carry none.</param>
    /// <param name="Make">Vehicle make; empty, because pushes carry none.</param>
    /// <param name="Color">Vehicle colour; empty, because pushes carry none.</param>
    /// <param name="Activation">Start, UTC with <c>Z</c>.</param>
    /// <param name="Expiry">
    /// When the permit stops counting: its end plus the client's grace, or the deletion time when it was deleted
    /// earlier, so a deleted or shortened permit arrives with an expiry in the past.
    /// </param>
    public sealed record Permit(
        string PermitId,
        string PlateNumber,
        string PlateState,
        string Make,
        string Color,
        string Activation,
        string Expiry);

    /// <summary>The <c>isvalid</c> request. <c>PlateState</c> is accepted and ignored.</summary>
    /// <param name="ZoneIds">Zone ids to look in; null or empty means every zone.</param>
    public sealed record IsValidRequest(string? PlateNumber, string? PlateState, IReadOnlyList<string>? ZoneIds);

    /// <summary>The <c>isvalid</c> response: true when the plate has at least one valid permit in the zones.</summary>
    public sealed record IsValidResponse(bool IsValid);

    /// <summary>The <c>permits/search</c> request.</summary>
    /// <param name="ZoneIds">Zone ids to look in; null or empty means every zone.</param>
    public sealed record SearchRequest(IReadOnlyList<string>? PlateNumbers, IReadOnlyList<string>? ZoneIds);

    /// <summary>The <c>permits/search</c> response, with only the zones where a plate matched.</summary>
    public sealed record SearchResponse(IReadOnlyList<PermitZone> PermitZones);

    public sealed record PermitZone(string ZoneId, IReadOnlyList<Permit> Permits);

    public static string ZoneIdOf(long zoneId) => zoneId.ToString(CultureInfo.InvariantCulture);

    /// <summary>Parses a zone id made by <see cref="ZoneIdOf"/>; returns null for anything else.</summary>
    public static long? ParseZoneId(string? zoneId) =>
        long.TryParse(zoneId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static Permit ToPermit(PermitRecord permit, TimeSpan grace)
    {
        var expiry = permit.End + grace;
        if (permit.DeletedAt is { } deletedAt && deletedAt < expiry)
        {
            expiry = deletedAt;
        }

        return new Permit(
            permit.ReferenceId,
            permit.PlateRaw ?? "",
            "",
            "",
            "",
            WireTimes.Utc(permit.Start),
            WireTimes.Utc(expiry));
    }
}
