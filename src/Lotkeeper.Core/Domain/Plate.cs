using System.Text;

namespace Lotkeeper.Domain;

/// <summary>A licence plate as sent and in its normalised form, which matching and the length limit use.</summary>
/// <remarks>
/// Normalising removes white space (every character <see cref="char.IsWhiteSpace(char)"/> accepts), the invisible
/// characters U+200B, U+200C, U+200D, U+2060 and U+FEFF, <c>-</c> and <c>.</c>, then upper-cases with the invariant
/// culture. What remains must be Unicode letters or the digits 0 to 9. Letters are read in Unicode normalisation form
/// C first, so an <c>E</c> followed by a combining acute accent is the letter <c>É</c>, as a keyboard would send it.
/// </remarks>
public sealed record Plate(string Raw, string Normalized)
{
    /// <summary>Maximum length of the normalised plate, in Unicode scalar values.</summary>
    public const int MaxNormalizedLength = 25;

    /// <summary>
    /// Maximum length of the plate as sent. White space and separators do not count towards the normalised limit,
    /// so this bound keeps a padded value from being stored at any size.
    /// </summary>
    public const int MaxRawLength = 64;

    /// <summary>Parses <paramref name="raw"/>; see <see cref="PlateParseStatus"/> for the outcomes.</summary>
    public static PlateParseStatus TryParse(string raw, out Plate? plate)
    {
        plate = null;
        var normalized = new StringBuilder(Math.Min(raw.Length, MaxRawLength));
        var visible = 0;

        foreach (var rune in Composed(raw).EnumerateRunes())
        {
            if (IsRemoved(rune))
            {
                if (rune.Value is '-' or '.')
                {
                    visible++;
                }

                continue;
            }

            if (!Rune.IsLetter(rune) && rune.Value is not (>= '0' and <= '9'))
            {
                return PlateParseStatus.InvalidCharacter;
            }

            visible++;
            normalized.Append(Rune.ToUpperInvariant(rune).ToString());
        }

        // A lone surrogate enumerates as U+FFFD, which is not a letter, so it is caught above.
        if (visible == 0)
        {
            return PlateParseStatus.Blank;
        }

        if (normalized.Length == 0)
        {
            return PlateParseStatus.InvalidCharacter;
        }

        var text = normalized.ToString();
        if (raw.Length > MaxRawLength || CountRunes(text) > MaxNormalizedLength)
        {
            return PlateParseStatus.TooLong;
        }

        plate = new Plate(raw, text);
        return PlateParseStatus.Valid;
    }

    /// <summary>Normalises a plate for matching, or returns null when it is not a valid plate.</summary>
    public static string? NormalizeOrNull(string raw) =>
        TryParse(raw, out var plate) == PlateParseStatus.Valid ? plate!.Normalized : null;

    /// <summary>Returns <paramref name="text"/> in normalisation form C, or as it is when it is not valid UTF-16.</summary>
    private static string Composed(string text)
    {
        try
        {
            return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // An unpaired surrogate cannot be normalised; it enumerates as U+FFFD, which the caller rejects.
            return text;
        }
    }

    private static bool IsRemoved(Rune rune) =>
        Rune.IsWhiteSpace(rune)
        || rune.Value is '-' or '.' or 0x200B or 0x200C or 0x200D or 0x2060 or 0xFEFF;

    private static int CountRunes(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
