using Lotkeeper.Domain;
using Lotkeeper.Errors;

namespace Lotkeeper.Permits;

/// <summary>
/// The per-attribute rules of the permits API. Each method returns null when the value is acceptable, else the
/// error to send. Absent values are the caller's to handle, because whether they are allowed depends on the endpoint.
/// </summary>
internal static class AttributeRules
{
    public static PermitError Invalid(PermitAttribute attribute, string detail) =>
        new(ErrorCode.FieldInvalid, PermitAttributes.FieldOf(attribute), detail);

    public static PermitError? CheckPlate(InputValue input, bool required, out Plate? plate)
    {
        plate = null;
        const PermitAttribute attribute = PermitAttribute.Plate;
        if (input.Kind == InputKind.Conflict)
        {
            return Invalid(attribute, "Two plate keys were sent with different values; send one.");
        }

        if (input.Kind != InputKind.Text)
        {
            return Invalid(attribute, "The plate must be a JSON string.");
        }

        return Plate.TryParse(input.Text!, out plate) switch
        {
            PlateParseStatus.Valid => null,
            PlateParseStatus.Blank when required => new PermitError(
                ErrorCode.PlateRequired, PermitAttributes.FieldOf(attribute), "The plate is blank."),
            PlateParseStatus.Blank => Invalid(attribute, "The plate is blank; leave the key out to keep the plate."),
            PlateParseStatus.TooLong => new PermitError(
                ErrorCode.FieldTooLong,
                PermitAttributes.FieldOf(attribute),
                $"A plate may have at most {Plate.MaxNormalizedLength} letters and digits and {Plate.MaxRawLength}"
                + " characters in all."),
            _ => Invalid(attribute, "A plate may contain only letters, the digits 0 to 9, spaces, '-' and '.'."),
        };
    }

    public static PermitError? CheckZoneName(InputValue input, out string? cleaned)
    {
        cleaned = null;
        const PermitAttribute attribute = PermitAttribute.Zone;
        if (input.Kind == InputKind.Conflict)
        {
            return Invalid(attribute, "Two zone keys were sent with different values; send one.");
        }

        if (input.Kind != InputKind.Text)
        {
            return Invalid(attribute, "The zone must be a JSON string naming a zone.");
        }

        cleaned = ZoneNames.Clean(input.Text!);
        if (cleaned.Length == 0)
        {
            return new PermitError(ErrorCode.FieldRequired, PermitAttributes.FieldOf(attribute), "The zone is blank.");
        }

        if (cleaned.Length > ZoneNames.MaxLength)
        {
            return new PermitError(
                ErrorCode.FieldTooLong,
                PermitAttributes.FieldOf(attribute),
                $"A zone name may have at most {ZoneNames.MaxLength} characters.");
        }

        return Text.IsPrintable(cleaned)
            ? null
            : Invalid(attribute, "A zone name may not contain control, format or invisible characters.");
    }

    public static PermitError? CheckTime(InputValue input, ErrorCode invalidCode, PermitAttribute attribute, out TimeValue time)
    {
        time = default;
        var field = PermitAttributes.FieldOf(attribute);
        // Two keys with different values make any attribute invalid (9033), times included; the time's own code
        // is for a value that is not a time.
        if (input.Kind == InputKind.Conflict)
        {
            return Invalid(attribute, "Two keys of this time were sent with different values; send one.");
        }

        if (input.Kind != InputKind.Text || !TimeValue.TryParse(input.Text!, out time))
        {
            return new PermitError(
                invalidCode,
                field,
                "Send a string in the form yyyy-MM-ddTHH:mm:ss, optionally with fractional seconds and a Z or"
                + " ±hh:mm offset.");
        }

        return null;
    }

    public static PermitError TimeOutOfRange(ErrorCode invalidCode, PermitAttribute attribute) => new(
        invalidCode,
        PermitAttributes.FieldOf(attribute),
        "The time falls outside the years 0001 to 9999 once converted to UTC.");

    public static PermitError? CheckAmount(InputValue input, out long? cents)
    {
        cents = null;
        const PermitAttribute attribute = PermitAttribute.Amount;
        var parsed = 0L;
        var valid = input.Kind switch
        {
            InputKind.Text => Money.TryParseText(input.Text!, out parsed),
            InputKind.Number => Money.TryParseNumber(input.Text!, out parsed),
            _ => false,
        };
        if (!valid)
        {
            return Invalid(
                attribute,
                "Send an amount from 0.01 to 999999.99 as a string such as \"14.50\" or a number with at most two"
                + " decimals.");
        }

        cents = parsed;
        return null;
    }

    public static PermitError? CheckCurrency(InputValue input, out string? currency)
    {
        currency = input.Kind == InputKind.Text ? Currency.Normalize(input.Text!) : null;
        return currency is null
            ? Invalid(PermitAttribute.Currency, "Send an ISO 4217 alphabetic currency code such as \"CAD\".")
            : null;
    }

    /// <summary>Permit numbers: 1 to 50 printable characters. A JSON number is taken as written.</summary>
    public const int MaxPermitNumberLength = 50;

    public static PermitError? CheckPermitNumber(InputValue input, out string? permitNumber)
    {
        permitNumber = null;
        const PermitAttribute attribute = PermitAttribute.PermitNumber;
        if (input.Kind is not (InputKind.Text or InputKind.Number))
        {
            return Invalid(attribute, "The permit number must be a JSON string.");
        }

        var text = input.Text!;
        if (text.Length > MaxPermitNumberLength)
        {
            return new PermitError(
                ErrorCode.FieldTooLong,
                PermitAttributes.FieldOf(attribute),
                $"A permit number may have at most {MaxPermitNumberLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(text) || !Text.IsPrintable(text))
        {
            return Invalid(attribute, "A permit number must be 1 to 50 printable characters.");
        }

        permitNumber = text;
        return null;
    }

    public static PermitError? CheckPermitType(InputValue input, out PermitType type)
    {
        type = PermitType.Temp;
        return input.Kind == InputKind.Text && PermitTypes.TryParse(input.Text!, out type)
            ? null
            : Invalid(PermitAttribute.PermitType, "Send one of standard, temp, temporary or validator.");
    }
}
