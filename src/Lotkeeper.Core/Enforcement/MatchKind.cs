namespace Lotkeeper.Enforcement;

/// <summary>How a stored plate matched the plate of a lookup, strongest first.</summary>
public enum MatchKind
{
    /// <summary>The stored plate is the looked-up plate character for character, as sent.</summary>
    Exact,

    /// <summary>
    /// The plates are equal after normalisation (white space, <c>-</c> and <c>.</c> removed, upper case).
    /// </summary>
    Normalized,

    /// <summary>
    /// The plates differ only in characters that plate readers confuse (0/O/D/Q, 1/I, 2/Z, 5/S, 8/B). Such a match is
    /// listed for a person to judge and never makes a plate valid.
    /// </summary>
    OcrEquivalent,
}
