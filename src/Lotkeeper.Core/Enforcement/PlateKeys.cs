using System.Text;

namespace Lotkeeper.Enforcement;

/// <summary>
/// The OCR-folded key of a plate: its normalised form with every character that plate readers confuse replaced by
/// one representative of its class, so that all the plates a reader might mistake for each other share one key.
/// </summary>
/// <remarks>
/// The classes are 0/O/D/Q, 1/I, 2/Z, 5/S and 8/B; the representative is the digit. The database migration that
/// fills the folded column for existing permits spells the same mapping as nested <c>REPLACE</c> calls, so a change
/// here needs a migration that refolds every stored plate.
/// </remarks>
public static class PlateKeys
{
    /// <summary>Folds a normalised (upper-case, separator-free) plate.</summary>
    public static string Fold(string normalized)
    {
        var folded = new StringBuilder(normalized.Length);
        foreach (var c in normalized)
        {
            folded.Append(FoldCharacter(c));
        }

        return folded.ToString();
    }

    /// <summary>Returns null for a null plate, which retention leaves behind.</summary>
    public static string? FoldOrNull(string? normalized) => normalized is null ? null : Fold(normalized);

    private static char FoldCharacter(char c) => c switch
    {
        'O' or 'D' or 'Q' => '0',
        'I' => '1',
        'Z' => '2',
        'S' => '5',
        'B' => '8',
        _ => c,
    };
}
