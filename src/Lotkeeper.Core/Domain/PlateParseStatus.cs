namespace Lotkeeper.Domain;

/// <summary>Outcome of <see cref="Plate.TryParse"/>.</summary>
public enum PlateParseStatus
{
    Valid,

    /// <summary>Nothing but white space and invisible characters: treated like a missing plate.</summary>
    Blank,

    /// <summary>A character other than a letter, a digit, white space, <c>-</c> or <c>.</c>.</summary>
    InvalidCharacter,

    /// <summary>Over 25 characters after normalising, or over 64 as sent.</summary>
    TooLong,
}
