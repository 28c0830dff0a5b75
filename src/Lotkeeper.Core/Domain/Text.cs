using System.Buffers;
using System.Globalization;
using System.Text;

namespace Lotkeeper.Domain;

/// <summary>Character checks shared by the text attributes.</summary>
public static class Text
{
    /// <summary>
    /// Returns true when every character is printable: no control or format characters (bidirectional controls
    /// included), no line or paragraph separators, no private-use or unassigned code points and no unpaired
    /// surrogates. Spaces are printable.
    /// </summary>
    public static bool IsPrintable(string text)
    {
        var remaining = text.AsSpan();
        while (!remaining.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(remaining, out var rune, out var consumed) != OperationStatus.Done)
            {
                return false;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.Control:
                case UnicodeCategory.Format:
                case UnicodeCategory.LineSeparator:
                case UnicodeCategory.ParagraphSeparator:
                case UnicodeCategory.PrivateUse:
                case UnicodeCategory.OtherNotAssigned:
                case UnicodeCategory.Surrogate:
                    return false;
            }

            remaining = remaining[consumed..];
        }

        return true;
    }
}
