namespace Lotkeeper.Domain;

/// <summary>Client codes such as <c>OC-TOMA</c>, which are the <c>{client}</c> segment of every API path.</summary>
public static class ClientCodes
{
    /// <summary>Maximum length of a client code.</summary>
    public const int MaxLength = 50;

    /// <summary>
    /// Returns the key a client code is matched by: upper case, with <c>_</c> read as <c>-</c>, because the OPS-COM
    /// documentation spells one client both <c>OC-TOMA</c> and <c>OC_TOMA</c>.
    /// </summary>
    public static string KeyOf(string code) => code.Trim().ToUpperInvariant().Replace('_', '-');

    /// <summary>
    /// Returns true when <paramref name="code"/> is 1 to 50 ASCII letters, digits, <c>-</c> and <c>_</c>.
    /// </summary>
    public static bool IsValid(string code) =>
        code.Length is > 0 and <= MaxLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
