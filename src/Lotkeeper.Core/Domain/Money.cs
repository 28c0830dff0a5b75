using System.Globalization;
using System.Text.RegularExpressions;

namespace Lotkeeper.Domain;

/// <summary>Amounts paid for permits, held as whole cents.</summary>
public static partial class Money
{
    /// <summary>Smallest accepted amount, 0.01, in cents.</summary>
    public const long MinCents = 1;

    /// <summary>Largest accepted amount, 999999.99, in cents.</summary>
    public const long MaxCents = 99_999_999;

    /// <summary>Parses the string form, which must match <c>^\d{1,6}\.\d{2}$</c> with ASCII digits.</summary>
    public static bool TryParseText(string text, out long cents)
    {
        cents = 0;
        if (!TextPattern().IsMatch(text))
        {
            return false;
        }

        cents = long.Parse(text.Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture);
        return cents is >= MinCents and <= MaxCents;
    }

    /// <summary>
    /// Parses the JSON number form, which may carry at most two decimals (<c>14.5</c> means 14.50; <c>14.500</c> is
    /// also 14.50, but <c>14.505</c> is rejected).
    /// </summary>
    public static bool TryParseNumber(string jsonNumber, out long cents)
    {
        cents = 0;
        if (!decimal.TryParse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        // The range check comes first, because scaling a number near decimal's limit by 100 overflows.
        if (value < MinCents / 100m || value > MaxCents / 100m)
        {
            return false;
        }

        var scaled = value * 100;
        if (scaled != decimal.Truncate(scaled))
        {
            return false;
        }

        cents = (long)scaled;
        return true;
    }

    /// <summary>Formats <paramref name="cents"/> as <c>14.50</c>.</summary>
    public static string Format(long cents) =>
        (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    // \z, not $: in .NET, $ also matches before a final line feed, which would accept "14.50\n".
    [GeneratedRegex(@"^[0-9]{1,6}\.[0-9]{2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex TextPattern();
}
