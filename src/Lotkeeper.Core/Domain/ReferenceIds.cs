namespace Lotkeeper.Domain;

/// <summary>Permit reference ids: lower-case UUIDs when generated, matched ignoring case.</summary>
public static class ReferenceIds
{
    /// <summary>Maximum length of a reference id a caller may send.</summary>
    public const int MaxLength = 50;

    /// <summary>A value that no permit has, used for malformed ids so that they are simply not found.</summary>
    public const string NeverFound = "";

    /// <summary>Returns true for 1 to 50 of <c>A-Z a-z 0-9 -</c>.</summary>
    public static bool IsWellFormed(string referenceId) =>
        referenceId.Length is > 0 and <= MaxLength
        && referenceId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
