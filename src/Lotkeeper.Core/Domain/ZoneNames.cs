using System.Text;

namespace Lotkeeper.Domain;

/// <summary>
/// Zone names such as <c>Lot 4</c>. Two names are the same zone after trimming, collapsing inner white space and
/// ignoring case.
/// </summary>
public static class ZoneNames
{
    /// <summary>Maximum length of a zone name after trimming and collapsing white space.</summary>
    public const int MaxLength = 100;

    /// <summary>Returns the display form: trimmed, with each run of inner white space replaced by one space.</summary>
    public static string Clean(string name)
    {
        var builder = new StringBuilder(name.Length);
        var pendingSpace = false;
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>Returns the key names are matched by: <see cref="Clean"/>, then upper case.</summary>
    public static string KeyOf(string name) => Clean(name).ToUpperInvariant();
}
