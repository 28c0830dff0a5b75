namespace Lotkeeper.Domain;

/// <summary>Wire names of <see cref="PermitType"/>.</summary>
public static class PermitTypes
{
    /// <summary>
    /// Parses <c>standard</c>, <c>temp</c>, <c>temporary</c> (a synonym of <c>temp</c>) or <c>validator</c>, in any
    /// case.
    /// </summary>
    public static bool TryParse(string text, out PermitType type)
    {
        type = text.ToUpperInvariant() switch
        {
            "STANDARD" => PermitType.Standard,
            "TEMP" or "TEMPORARY" => PermitType.Temp,
            "VALIDATOR" => PermitType.Validator,
            _ => (PermitType)(-1),
        };
        return Enum.IsDefined(type);
    }

    /// <summary>Returns the stored and displayed name: <c>standard</c>, <c>temp</c> or <c>validator</c>.</summary>
    public static string NameOf(PermitType type) => type switch
    {
        PermitType.Standard => "standard",
        PermitType.Temp => "temp",
        PermitType.Validator => "validator",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown permit type."),
    };

    /// <summary>Returns the name stats and plate validation report: validator permits count as <c>temp</c>.</summary>
    public static string ReportedNameOf(PermitType type) => type == PermitType.Standard ? "standard" : "temp";
}
