using System.Globalization;
using Lotkeeper.Domain;

namespace Lotkeeper.Storage;

/// <summary>Builds the field lists that history events record, with every value formatted as text.</summary>
public static class PermitChanges
{
    /// <summary>Lists every attribute of a new permit, with no old values.</summary>
    public static IReadOnlyList<FieldChange> OfCreation(NewPermit permit) =>
    [
        new("plate", null, permit.Plate.Raw),
        new("zone", null, permit.ZoneName),
        new("start", null, FormatInstant(permit.Start)),
        new("end", null, FormatInstant(permit.End)),
        new("amount", null, FormatAmount(permit.AmountCents)),
        new("currency", null, permit.Currency),
        new("permitNumber", null, permit.PermitNumber),
        new("type", null, PermitTypes.NameOf(permit.Type)),
    ];

    /// <summary>Lists the attributes an update changes; an empty list means the update changes nothing.</summary>
    public static IReadOnlyList<FieldChange> Between(PermitRecord before, PermitRecord after)
    {
        var changes = new List<FieldChange>();
        if (!string.Equals(before.PlateRaw, after.PlateRaw, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange("plate", before.PlateRaw, after.PlateRaw));
        }

        if (before.End != after.End)
        {
            changes.Add(new FieldChange("end", FormatInstant(before.End), FormatInstant(after.End)));
        }

        if (before.AmountCents != after.AmountCents)
        {
            changes.Add(new FieldChange("amount", FormatAmount(before.AmountCents), FormatAmount(after.AmountCents)));
        }

        if (!string.Equals(before.Currency, after.Currency, StringComparison.Ordinal))
        {
            changes.Add(new FieldChange("currency", before.Currency, after.Currency));
        }

        return changes;
    }

    /// <summary>Formats an instant as ISO 8601 UTC with <c>Z</c>, to the microsecond when it has one.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    private static string? FormatAmount(long? cents) => cents is { } value ? Money.Format(value) : null;
}
